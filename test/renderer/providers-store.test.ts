// The Settings → Providers store against a real core (memory keys) behind a stand-in window.atelier.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import { createSecretStore } from '../../electron/core/secrets/create-secret-store';
import { useProviders } from '../../renderer/stores/providers';
import { recognisableKey, tempDir } from '../secrets/helpers';

const globals = globalThis as { atelier?: unknown };
const initial = useProviders.getState();
let core: Core;
const sent: Array<{ channel: string; payload: unknown }> = [];

beforeEach(async () => {
  core = await createCore({
    libraryDir: tempDir(),
    transport: 'test',
    secrets: createSecretStore({ keychain: false, env: {} }),
  });
  sent.length = 0;
  globals.atelier = {
    invoke: (channel: string, payload: unknown) => {
      sent.push({ channel, payload });
      return core.invoke(channel, payload);
    },
    on: () => () => {},
  };
  useProviders.setState(initial, true);
});
afterEach(async () => {
  delete globals.atelier;
  await core.close();
});

describe('providers store (renderer)', () => {
  it('loads providers and where keys are kept', async () => {
    await useProviders.getState().load();
    const state = useProviders.getState();
    expect(state.providers.map((p) => p.id)).toEqual(['local']);
    expect(state.storage).toMatchObject({ backend: 'memory', warning: expect.stringContaining('for this run only') });
  });

  it('a list asked for before an add cannot undo the add when it answers late', async () => {
    // Where keys live can take seconds to answer the first time (the keychain is probed): hold the list up.
    let releaseList!: () => void;
    const listHeld = new Promise<void>((resolve) => (releaseList = resolve));
    const bridge = globals.atelier as { invoke: (channel: string, payload: unknown) => Promise<unknown> };
    const direct = bridge.invoke;
    bridge.invoke = async (channel, payload) => {
      if (channel === 'providers.list') {
        const answer = await direct(channel, payload);
        await listHeld;
        return answer;
      }
      return direct(channel, payload);
    };
    const loading = useProviders.getState().load();
    expect(await useProviders.getState().add({ id: 'late', preset: 'openai' })).toBe(true);
    releaseList();
    await loading;
    expect(useProviders.getState().providers.map((p) => p.id)).toContain('late');
  });

  it('sends a key exactly once and keeps only its status', async () => {
    const store = useProviders.getState();
    expect(await store.add({ id: 'ir', preset: 'imagerouter' })).toBe(true);
    const key = recognisableKey();
    expect(await useProviders.getState().saveKey('ir', key)).toBe(true);

    const state = useProviders.getState();
    expect(state.providers.find((p) => p.id === 'ir')?.key).toEqual({
      status: 'set',
      backend: 'memory',
      last4: key.slice(-4),
    });
    expect(JSON.stringify(state)).not.toContain(key);
    expect(sent.filter((call) => JSON.stringify(call.payload).includes(key)).map((call) => call.channel)).toEqual([
      'providers.setKey',
    ]);
  });

  it('shows a refusal as the section error and keeps the list as it was', async () => {
    await useProviders.getState().load();
    expect(await useProviders.getState().add({ id: 'Bad Id', preset: 'openai' })).toBe(false);
    // Kept as data (code, details, the core's words), so the section words it in the user's language.
    expect(useProviders.getState().error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('cannot be a provider id'),
    });
    expect(useProviders.getState().providers.map((p) => p.id)).toEqual(['local']);
  });

  it('records the connection test result per provider, and forgets it when the key changes', async () => {
    await useProviders.getState().add({ id: 'fal', preset: 'fal' });
    await useProviders.getState().test('fal');
    expect(useProviders.getState().tests.fal).toMatchObject({ state: 'done', outcome: 'no_key' });
    await useProviders.getState().saveKey('fal', recognisableKey());
    expect(useProviders.getState().tests.fal).toBeUndefined();
    await useProviders.getState().removeKey('fal');
    expect(useProviders.getState().providers.find((p) => p.id === 'fal')?.key.status).toBe('unset');
  });
});
