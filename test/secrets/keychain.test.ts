// Against the real Secret Service (gnome-keyring inside dbus-run-session, see the brief / environment.md).
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../electron/core/secrets/create-secret-store';
import { keychainService } from '../../electron/core/secrets/keychain-backend';
import { recognisableKey, uniqueId } from './helpers';

const used: string[] = [];
function providerId(): string {
  const id = uniqueId('kc');
  used.push(id);
  return id;
}
afterEach(async () => {
  for (const id of used.splice(0)) await keytar.deletePassword(keychainService, id);
});

describe('keys in the OS keychain', () => {
  it('uses the keychain when it answers, and has nothing to warn about', async () => {
    const store = createSecretStore({ env: {} });
    expect(await store.describe()).toEqual({ backend: 'keychain', warning: null });
  });

  it('sets, reads, replaces and deletes a key under service "Atelier", account = provider id', async () => {
    const store = createSecretStore({ env: {} });
    const id = providerId();
    const first = recognisableKey();
    expect(await store.status(id)).toEqual({ status: 'unset', backend: null, last4: null });

    expect(await store.set(id, first)).toEqual({ status: 'set', backend: 'keychain', last4: first.slice(-4) });
    expect(await store.get(id)).toBe(first);
    expect(await keytar.getPassword('Atelier', id)).toBe(first);

    const second = recognisableKey();
    await store.set(id, second);
    expect(await store.get(id)).toBe(second);
    expect(await store.status(id)).toEqual({ status: 'set', backend: 'keychain', last4: second.slice(-4) });

    await store.delete(id);
    expect(await store.get(id)).toBeNull();
    expect(await keytar.getPassword('Atelier', id)).toBeNull();
    expect(await store.status(id)).toEqual({ status: 'unset', backend: null, last4: null });
  });

  it('lets ATELIER_KEY_<ID> override the keychain (upper-cased, dashes as underscores)', async () => {
    const id = providerId();
    const envKey = recognisableKey();
    const envName = `ATELIER_KEY_${id.toUpperCase().replace(/-/g, '_')}`;
    const store = createSecretStore({ env: { [envName]: `${envKey}\n` } });
    expect(await store.status(id)).toEqual({ status: 'set', backend: 'env', last4: envKey.slice(-4) });

    const stored = recognisableKey();
    expect((await store.set(id, stored)).backend).toBe('env');
    expect(await store.get(id)).toBe(envKey);
    // The stored key is still there for when the variable goes away.
    expect(await createSecretStore({ env: {} }).get(id)).toBe(stored);
  });

  it('falls back when the keychain accepts reads but refuses to save, and says why', async () => {
    const id = providerId();
    const refusingKeychain = {
      getPassword: keytar.getPassword,
      deletePassword: keytar.deletePassword,
      setPassword: async () => {
        throw new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”');
      },
    };
    const store = createSecretStore({ env: {}, keychain: { load: async () => refusingKeychain } });
    expect((await store.describe()).backend).toBe('keychain');
    const key = recognisableKey();
    expect(await store.set(id, key)).toMatchObject({ status: 'set', backend: 'memory' });
    expect(await store.get(id)).toBe(key);
    const { backend, warning } = await store.describe();
    expect(backend).toBe('memory');
    expect(warning).toMatch(/refused to save a key.*in memory for this run only/s);
  });
});
