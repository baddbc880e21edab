import { create } from 'zustand';
import { invoke } from '../api';
import type { ChannelInput, ChannelOutput } from '../../shared/contract';
import { attempt as attemptWith, type ShownError } from './attempt';

export type ProviderEntry = ChannelOutput<'providers.list'>['providers'][number];
export type KeyStatus = ProviderEntry['key'];
export type ConnectionResult = ChannelOutput<'providers.test'>;
export type KeyStorage = ChannelOutput<'secrets.describe'>;
export type TestState = { state: 'testing' } | ({ state: 'done' } & ConnectionResult);

interface ProvidersState {
  providers: ProviderEntry[];
  storage: KeyStorage | null;
  tests: Record<string, TestState>;
  error: ShownError | null;
  load(): Promise<void>;
  add(input: ChannelInput<'providers.add'>): Promise<boolean>;
  setBaseUrl(id: string, baseUrl: string): Promise<boolean>;
  /** Null goes back to the preset's time-out. */
  setRequestTimeout(id: string, requestTimeoutMs: number | null): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** The key is passed straight to the core and never kept here: state only ever holds its status. */
  saveKey(id: string, key: string): Promise<boolean>;
  removeKey(id: string): Promise<void>;
  test(id: string): Promise<void>;
  dismissError(): void;
}

export const useProviders = create<ProvidersState>()((set, get) => {
  /** Counts adds and removes, so a list that was asked for before one of them cannot undo it. */
  let changes = 0;
  const attempt = (run: () => Promise<void>, background = false) => attemptWith(set, run, { background });
  const replace = (entry: ProviderEntry) =>
    set({ providers: get().providers.map((provider) => (provider.id === entry.id ? entry : provider)) });
  const setKeyStatus = (id: string, key: KeyStatus) =>
    set({ providers: get().providers.map((provider) => (provider.id === id ? { ...provider, key } : provider)) });
  const forgetTest = (id: string) => {
    const { [id]: _dropped, ...tests } = get().tests;
    set({ tests });
  };

  return {
    providers: [],
    storage: null,
    tests: {},
    error: null,
    load: async () => {
      await attempt(async () => {
        const changesBefore = changes;
        // The list answers at once; where keys live may take seconds the first time (the keychain is probed).
        // Both are awaited together, so a failure of either is caught here and none is left unhandled.
        await Promise.all([
          invoke('providers.list', {}).then(({ providers }) => {
            // An add or remove that finished meanwhile already holds a newer list than this answer.
            if (changes === changesBefore) set({ providers });
          }),
          invoke('secrets.describe', {}).then((storage) => set({ storage })),
        ]);
      }, true);
    },
    add: (input) =>
      attempt(async () => {
        const entry = await invoke('providers.add', input);
        changes++;
        set({ providers: [...get().providers.filter((provider) => provider.id !== entry.id), entry] });
      }),
    setBaseUrl: (id, baseUrl) =>
      attempt(async () => {
        replace(await invoke('providers.update', { id, baseUrl }));
        forgetTest(id);
      }),
    setRequestTimeout: (id, requestTimeoutMs) =>
      attempt(async () => {
        replace(await invoke('providers.update', { id, requestTimeoutMs }));
      }),
    remove: async (id) => {
      await attempt(async () => {
        await invoke('providers.remove', { id });
        changes++;
        set({ providers: get().providers.filter((provider) => provider.id !== id) });
        forgetTest(id);
      });
    },
    saveKey: (id, key) =>
      attempt(async () => {
        setKeyStatus(id, await invoke('providers.setKey', { id, key }));
        forgetTest(id);
        // The first key saved may be what shows the store to be a weaker fallback: refresh the notice.
        set({ storage: await invoke('secrets.describe', {}) });
      }),
    removeKey: async (id) => {
      await attempt(async () => {
        setKeyStatus(id, await invoke('providers.removeKey', { id }));
        forgetTest(id);
      });
    },
    test: async (id) => {
      set({ tests: { ...get().tests, [id]: { state: 'testing' } } });
      const ok = await attempt(async () => {
        const result = await invoke('providers.test', { id });
        set({ tests: { ...get().tests, [id]: { state: 'done', ...result } } });
      });
      if (!ok) forgetTest(id);
    },
    dismissError: () => set({ error: null }),
  };
});
