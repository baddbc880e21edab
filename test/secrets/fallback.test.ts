// Where keys go when the keychain cannot serve: safeStorage ciphertext in a file (never basic_text),
// else memory for this run with a plain warning. Never plaintext, never a hang.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../electron/core/secrets/create-secret-store';
import { keyFileName } from '../../electron/core/secrets/encrypted-file-backend';
import type { KeytarApi } from '../../electron/core/secrets/keychain-backend';
import { recognisableKey, tempDir, testEncryptor } from './helpers';

const neverAnswers = () => new Promise<never>(() => {});
const hangingKeytar: KeytarApi = { getPassword: neverAnswers, setPassword: neverAnswers, deletePassword: neverAnswers };
const missingKeytar = async (): Promise<KeytarApi> => {
  throw new Error('libsecret-1.so.0: cannot open shared object file');
};

describe('fallback when the keychain cannot serve', () => {
  it('notices a keychain that never answers within the probe time-out and keeps the key in an encrypted file', async () => {
    const dataDir = tempDir();
    const store = createSecretStore({
      env: {},
      encryptor: testEncryptor(),
      dataDir,
      keychain: { load: async () => hangingKeytar, probeTimeoutMs: 200 },
    });
    const { backend, warning } = await store.describe();
    expect(backend).toBe('safe-storage');
    expect(warning).toMatch(
      /cannot use the system keychain: the system keychain could not be reached \(it did not answer within 0.2 s\)/,
    );

    const key = recognisableKey();
    expect(await store.set('openai', key)).toEqual({ status: 'set', backend: 'safe-storage', last4: key.slice(-4) });
    expect(await store.get('openai')).toBe(key);

    const files = readdirSync(dataDir);
    expect(files).toEqual([keyFileName]); // written atomically: no temp file left behind
    const onDisk = readFileSync(join(dataDir, keyFileName), 'utf8');
    expect(onDisk).not.toContain(key);
    expect(onDisk).not.toContain(key.slice(3, 20));
  });

  it('reads a key saved in the file by an earlier run, and deletes it', async () => {
    const dataDir = tempDir();
    const encryptor = testEncryptor();
    const options = { env: {}, encryptor, dataDir, keychain: { load: missingKeytar } };
    const key = recognisableKey();
    await createSecretStore(options).set('fal', key);

    const nextRun = createSecretStore(options);
    expect(await nextRun.status('fal')).toEqual({ status: 'set', backend: 'safe-storage', last4: key.slice(-4) });
    await nextRun.delete('fal');
    expect(await createSecretStore(options).get('fal')).toBeNull();
  });

  it('refuses safeStorage when its backend is basic_text and keeps keys in memory only, saying so', async () => {
    const dataDir = tempDir();
    const store = createSecretStore({
      env: {},
      encryptor: testEncryptor('basic_text'),
      dataDir,
      keychain: { load: missingKeytar },
    });
    const { backend, warning } = await store.describe();
    expect(backend).toBe('memory');
    expect(warning).toContain(
      'the keychain module could not be loaded (libsecret-1.so.0: cannot open shared object file)',
    );
    expect(warning).toContain('"basic_text", which does not protect the key');
    expect(warning).toContain('in memory for this run only');

    const key = recognisableKey();
    expect(await store.set('openai', key)).toMatchObject({ status: 'set', backend: 'memory' });
    expect(existsSync(join(dataDir, keyFileName))).toBe(false);
    expect(await createSecretStore({ env: {}, keychain: { load: missingKeytar } }).get('openai')).toBeNull();
  });

  it('says plainly that a store without keychain or encryptor keeps keys for this run only', async () => {
    const store = createSecretStore({ env: {}, keychain: { load: missingKeytar } });
    expect(await store.describe()).toEqual({
      backend: 'memory',
      warning: expect.stringMatching(/no encryption service was provided.*enter them again after restarting Atelier/s),
    });
  });
});

describe('the real keytar with no Secret Service (a child process)', { timeout: 60_000 }, () => {
  let dir: string;
  let silentBus: Server;
  const script = join(import.meta.dirname, 'fixtures', 'describe-store.ts');

  beforeAll(async () => {
    dir = tempDir();
    // A socket that accepts connections and never says a word: the D-Bus handshake waits forever.
    silentBus = createServer(() => {});
    await new Promise<void>((resolve) => silentBus.listen(join(dir, 'silent-bus'), resolve));
  });
  afterAll(() => {
    silentBus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function runWithBus(address: string | undefined) {
    const env: NodeJS.ProcessEnv = { ...process.env, PROBE_TIMEOUT_MS: '1500' };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    if (address) env.DBUS_SESSION_BUS_ADDRESS = address;
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8', timeout: 30_000 });
    expect(child.error).toBeUndefined();
    expect(child.status, child.stderr).toBe(0);
    return JSON.parse(child.stdout) as { backend: string; warning: string; status: { backend: string } };
  }

  it('falls back to memory with a warning when there is no session bus at all', () => {
    const result = runWithBus(undefined);
    expect(result.backend).toBe('memory');
    expect(result.status.backend).toBe('memory');
    expect(result.warning).toMatch(/^Atelier cannot use the system keychain: the system keychain could not be reached/);
  });

  it('falls back instead of hanging when the bus never answers', () => {
    const result = runWithBus(`unix:path=${join(dir, 'silent-bus')}`);
    expect(result.backend).toBe('memory');
    expect(result.warning).toContain('did not answer within 1.5 s');
  });
});
