// `atelier providers …` in child processes, against the real keychain: what one process saves another
// sees, keys only ever go in on stdin, and no key shows up in output or in the library folder.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRequestTimeoutMs } from '../../shared/limits';
import { createCore } from '../../electron/core/core';
import { keychainService } from '../../electron/core/secrets/keychain-backend';
import { atelier as runAtelier, type Run } from '../cli/helpers';
import { recognisableKey, tempDir, uniqueId } from './helpers';

const library = tempDir();
const id = uniqueId('cli');
const envName = `ATELIER_KEY_${id.toUpperCase().replace(/-/g, '_')}`;
const key = recognisableKey();
const transcript: string[] = [];
let server: Server;
let base: string;

/** The CLI in a child process on this test's library; everything it prints is kept for the leak check. */
async function atelier(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const run = await runAtelier(library, args, options);
  transcript.push(run.stdout, run.stderr);
  return run;
}

beforeAll(async () => {
  // An OpenAI-compatible router that knows one key, and quotes whatever key it refuses (as some do).
  server = createServer((request, response) => {
    const sent = request.headers.authorization ?? '';
    const ok = sent === `Bearer ${key}`;
    response.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(ok ? { data: [] } : { error: { message: `Invalid key: ${sent.slice(7)}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await keytar.deletePassword(keychainService, id);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('atelier providers (CLI)', { timeout: 60_000 }, () => {
  it('adds a provider and lists it with its key status in the documented JSON shape', async () => {
    const added = await atelier([
      'providers',
      'add',
      id,
      '--preset',
      'openai-compatible',
      '--base-url',
      base,
      '--json',
    ]);
    expect(added.code, added.stderr).toBe(0);
    const list = await atelier(['providers', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual({
      providers: [
        {
          id: 'local',
          label: 'Local (offline)',
          preset: 'local',
          baseUrl: null,
          requestTimeoutMs: null,
          effectiveTimeoutMs: defaultRequestTimeoutMs,
          key: { status: 'unset', backend: null, last4: null },
        },
        {
          id,
          label: `OpenAI-compatible (${id})`,
          preset: 'openai-compatible',
          baseUrl: base,
          requestTimeoutMs: null,
          effectiveTimeoutMs: defaultRequestTimeoutMs,
          key: { status: 'unset', backend: null, last4: null },
        },
      ],
    });
  });

  it('refuses a key given as an argument, and stores nothing', async () => {
    const run = await atelier(['providers', 'set-key', id, key]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('never accepted as an argument');
    expect(await keytar.getPassword(keychainService, id)).toBeNull();
  });

  it('reads the key from stdin into the keychain, where another process finds it', async () => {
    const run = await atelier(['providers', 'set-key', id, '--json'], { input: `${key}\n` });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id, key: { status: 'set', backend: 'keychain', last4: key.slice(-4) } });
    expect(await keytar.getPassword(keychainService, id)).toBe(key);

    const list = await atelier(['providers', 'list', '--json']);
    const entry = (JSON.parse(list.stdout) as { providers: Array<{ id: string; key: unknown }> }).providers.find(
      (p) => p.id === id,
    );
    expect(entry?.key).toEqual({ status: 'set', backend: 'keychain', last4: key.slice(-4) });

    const test = await atelier(['providers', 'test', id]);
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toContain('accepted the key');
  });

  it('lets ATELIER_KEY_<ID> override the keychain, and hides the refused key in error output', async () => {
    const wrong = recognisableKey();
    const list = await atelier(['providers', 'list', '--json'], { env: { [envName]: wrong } });
    const entry = (JSON.parse(list.stdout) as { providers: Array<{ id: string; key: unknown }> }).providers.find(
      (p) => p.id === id,
    );
    expect(entry?.key).toEqual({ status: 'set', backend: 'env', last4: wrong.slice(-4) });

    const test = await atelier(['providers', 'test', id], { env: { [envName]: wrong } });
    expect(test.code).toBe(3);
    expect(test.stderr).toContain(`refused the key (401): Invalid key: ***${wrong.slice(-4)}.`);
    expect(test.stderr + test.stdout).not.toContain(wrong);
  });

  it('after remove-key, calls fail with a message that says how to set the key again', async () => {
    const removed = await atelier(['providers', 'remove-key', id]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await keytar.getPassword(keychainService, id)).toBeNull();

    const test = await atelier(['providers', 'test', id]);
    expect(test.code).toBe(3);
    expect(test.stderr).toContain('has no key yet. Add one in Settings → Providers.');

    const core = await createCore({ libraryDir: library, transport: 'test' });
    try {
      await expect(core.providers.keyFor(id)).rejects.toMatchObject({
        code: 'auth_refused',
        message: expect.stringContaining(`atelier providers set-key ${id}`),
      });
    } finally {
      await core.close();
    }
  });

  it('refuses to "save" a key that would be forgotten when the command ends (no keychain)', async () => {
    const run = await atelier(['providers', 'set-key', id], {
      input: key,
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('in memory for this run only');
    expect(run.stderr).toContain(`set ${envName} instead`);
  });

  it('leaves no key in the library folder or in anything it printed', () => {
    const files = readdirSync(library, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.map((file) => file.name)).toContain('atelier.db');
    for (const file of files) {
      const bytes = readFileSync(join(file.parentPath, file.name));
      expect(bytes.includes(key), file.name).toBe(false);
    }
    expect(transcript.join('\n')).not.toContain(key);
  });
});
