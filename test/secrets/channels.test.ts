// The providers.* / secrets.* channels as the renderer calls them: a key goes in once and never comes back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import { createSecretStore } from '../../electron/core/secrets/create-secret-store';
import { recognisableKey, tempDir } from './helpers';

let core: Core;
beforeEach(async () => {
  core = await createCore({
    libraryDir: tempDir(),
    transport: 'test',
    secrets: createSecretStore({ keychain: false, env: {} }),
  });
});
afterEach(() => core.close());

describe('providers channels', () => {
  it('sets a key and answers only with its status; no answer ever carries the key', async () => {
    const key = recognisableKey();
    const answers = [
      await core.invoke('providers.add', { id: 'qr', preset: 'quickrouter' }),
      await core.invoke('providers.setKey', { id: 'qr', key: `  ${key}\n` }),
      await core.invoke('providers.list', {}),
      await core.invoke('providers.update', { id: 'qr', label: 'QuickRouter (work)' }),
    ];
    expect(answers[1]).toEqual({ ok: true, value: { status: 'set', backend: 'memory', last4: key.slice(-4) } });
    expect(answers[2]).toMatchObject({
      ok: true,
      value: { providers: [{ id: 'local' }, { id: 'qr', key: { status: 'set' } }] },
    });
    expect(answers[3]).toMatchObject({ ok: true, value: { label: 'QuickRouter (work)', key: { status: 'set' } } });
    expect(JSON.stringify(answers)).not.toContain(key);
    expect(await core.providers.keyFor('qr')).toBe(key);
  });

  it('refuses unknown fields, keys for the local provider, and unknown providers, in plain words', async () => {
    expect(await core.invoke('providers.setKey', { id: 'local', key: 'abc', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await core.invoke('providers.setKey', { id: 'local', key: 'sk-123456789' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Local (offline) does not use a key.' },
    });
    expect(await core.invoke('providers.removeKey', { id: 'ghost' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('removes a key, then a provider, and tells Settings where keys go', async () => {
    await core.invoke('providers.add', { id: 'fal', preset: 'fal' });
    await core.invoke('providers.setKey', { id: 'fal', key: recognisableKey() });
    expect(await core.invoke('providers.removeKey', { id: 'fal' })).toEqual({
      ok: true,
      value: { status: 'unset', backend: null, last4: null },
    });
    expect(await core.invoke('providers.remove', { id: 'fal' })).toEqual({ ok: true, value: { id: 'fal' } });
    expect(await core.invoke('secrets.describe', {})).toMatchObject({
      ok: true,
      value: { backend: 'memory', warning: expect.stringContaining('for this run only') },
    });
  });
});
