import { create } from 'zustand';
import { ApiError, invoke } from '../api';
import type { ChannelOutput } from '../../shared/contract';
import { attempt, type ShownError, toShownError } from './attempt';

export const views = ['generate', 'gallery', 'editor', 'settings'] as const;
export type View = (typeof views)[number];

type Connection =
  | { state: 'connecting' }
  | { state: 'connected'; info: ChannelOutput<'app.info'>; roundTripMs: number }
  | { state: 'failed'; error: ShownError };

interface ShellState {
  view: View;
  connection: Connection;
  /** The desktop app is restarting onto the library just chosen. */
  restarting: boolean;
  error: ShownError | null;
  /** The keyboard shortcut list (opened with ? or the status bar's button). */
  shortcutsOpen: boolean;
  setView(view: View): void;
  setShortcutsOpen(open: boolean): void;
  /** Round-trips app.ping and reads app.info: proves the whole path renderer → transport → core. */
  connect(): Promise<void>;
  /** The desktop's folder dialog, then a restart onto the chosen library (a cancelled dialog changes nothing). */
  chooseLibrary(): Promise<void>;
  dismissError(): void;
}

export const useShell = create<ShellState>()((set) => ({
  view: 'generate',
  connection: { state: 'connecting' },
  restarting: false,
  error: null,
  shortcutsOpen: false,
  setView: (view) => set({ view }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  connect: async () => {
    try {
      const started = performance.now();
      const nonce = crypto.randomUUID();
      const pong = await invoke('app.ping', { nonce });
      // The message names the channel for the logs; the page says the code's sentence.
      if (pong.nonce !== nonce) throw new ApiError('internal', 'app.ping');
      const roundTripMs = Math.max(1, Math.round(performance.now() - started));
      const info = await invoke('app.info', {});
      set({ connection: { state: 'connected', info, roundTripMs } });
    } catch (error) {
      // Not an action's failure but the shell's state: shown for as long as it lasts, never dismissed.
      set({ connection: { state: 'failed', error: toShownError(error) } });
    }
  },
  chooseLibrary: async () => {
    await attempt(set, async () => {
      const { restarting } = await invoke('app.chooseLibrary', {});
      set({ restarting });
    });
  },
  dismissError: () => set({ error: null }),
}));
