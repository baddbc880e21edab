import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { providersMigration } from '../../electron/core/db/migrations/100-providers';
import { providersRequestTimeoutMigration } from '../../electron/core/db/migrations/101-providers-request-timeout';
import { ProviderRegistry } from '../../electron/core/providers/registry';
import { createSecretStore } from '../../electron/core/secrets/create-secret-store';
import type { SecretStore } from '../../electron/core/secrets/types';

let db: Db;
let secrets: SecretStore;
let registry: ProviderRegistry;

beforeEach(() => {
  db = openDatabase(':memory:', { migrations: [providersMigration, providersRequestTimeoutMigration] });
  // Memory only: these tests are about the registry, not where keys live.
  secrets = createSecretStore({ keychain: false, env: {} });
  registry = new ProviderRegistry(db, secrets);
});
afterEach(() => db.close());

describe('provider registry', () => {
  it('starts with the local provider, which needs no key', async () => {
    expect(registry.list()).toEqual([
      { id: 'local', label: 'Local (offline)', preset: 'local', baseUrl: null, requestTimeoutMs: null },
    ]);
    await expect(registry.keyFor('local')).resolves.toBeNull();
  });

  it('adds providers with the preset base URL, or the one given, and keeps several of one preset', () => {
    registry.add({ id: 'quickrouter', preset: 'quickrouter' });
    registry.add({
      id: 'qr-work',
      preset: 'quickrouter',
      baseUrl: ' https://relay.example.com/ ',
      label: 'Work account',
    });
    expect(registry.list().map((p) => [p.id, p.label, p.baseUrl])).toEqual([
      ['local', 'Local (offline)', null],
      ['quickrouter', 'QuickRouter', 'https://api.quickrouter.ai'],
      ['qr-work', 'Work account', 'https://relay.example.com'],
    ]);
  });

  it('refuses bad ids, duplicate ids, and base URLs that are not usable or carry secrets', () => {
    expect(() => registry.add({ id: 'My Router', preset: 'openai' })).toThrow(/lower-case letters/);
    registry.add({ id: 'openai', preset: 'openai' });
    expect(() => registry.add({ id: 'openai', preset: 'openai' })).toThrow(/exists already/);
    expect(() => registry.add({ id: 'custom', preset: 'openai-compatible' })).toThrow(/needs a base URL/);
    expect(() => registry.add({ id: 'c1', preset: 'openai-compatible', baseUrl: 'ftp://x.example' })).toThrow(
      /https:\/\//,
    );
    expect(() =>
      registry.add({ id: 'c2', preset: 'openai-compatible', baseUrl: 'https://u:sk-secret@x.example' }),
    ).toThrow(/password/);
    expect(() =>
      registry.add({ id: 'c3', preset: 'openai-compatible', baseUrl: 'https://x.example/?key=abc' }),
    ).toThrow(/query/);
    expect(() => registry.add({ id: 'c4', preset: 'openai-compatible', baseUrl: 'not a url' })).toThrow(
      /not a web address/,
    );
    expect(registry.list().map((p) => p.id)).toEqual(['local', 'openai']);
  });

  it('changes the base URL and label, and says so when the provider does not exist', () => {
    registry.add({ id: 'custom', preset: 'openai-compatible', baseUrl: 'http://127.0.0.1:9000' });
    const updated = registry.update('custom', { baseUrl: 'http://127.0.0.1:9001/', label: 'My box' });
    expect(updated).toEqual({
      id: 'custom',
      label: 'My box',
      preset: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:9001',
      requestTimeoutMs: null,
    });
    expect(registry.get('custom')).toEqual(updated);
    expect(() => registry.update('nope', { label: 'x' })).toThrow(/no provider "nope"/);
  });

  it('removes a provider together with its key, but never the local one', async () => {
    registry.add({ id: 'fal', preset: 'fal' });
    await secrets.set('fal', 'fal-key-0123456789');
    await registry.remove('fal');
    expect(registry.find('fal')).toBeNull();
    expect(await secrets.get('fal')).toBeNull();
    await expect(registry.remove('local')).rejects.toThrow(/cannot be removed/);
  });

  it('hands out the key for a request, and a message saying what to do when there is none', async () => {
    registry.add({ id: 'imagerouter', preset: 'imagerouter' });
    await expect(registry.keyFor('imagerouter')).rejects.toMatchObject({
      code: 'auth_refused',
      message: expect.stringContaining('atelier providers set-key imagerouter'),
    });
    await secrets.set('imagerouter', 'ir-key-abcdefgh');
    await expect(registry.keyFor('imagerouter')).resolves.toBe('ir-key-abcdefgh');
  });
});
