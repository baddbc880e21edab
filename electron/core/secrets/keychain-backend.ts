// The OS keychain through keytar: macOS Keychain, Windows Credential Manager, Secret Service on Linux.
// keytar is a native module: it is loaded only when a key is first needed, and a missing library or an
// unreachable Secret Service is detected by a probe with a time-out instead of hanging the app.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { KeyBackend } from './types';
import { withTimeout } from './timeout';

export const keychainService = 'Atelier';

/** The three keytar functions we use; injectable so tests can simulate a broken or hanging keychain. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export async function loadKeytar(): Promise<KeytarApi> {
  const module = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return module.default ?? module;
}

export interface KeychainOptions {
  /** A substitute keytar (tests). Without it the real one is loaded, after a probe in a child process. */
  load?: () => Promise<KeytarApi>;
  /** How long the first (probe) call may take before the keychain counts as unreachable. */
  probeTimeoutMs?: number;
  /** How long later calls may take (long enough for a user to answer an OS unlock prompt). */
  callTimeoutMs?: number;
}

/** The account the probe reads; it is never written, so probing leaves nothing in the keychain. */
const probeAccount = '__atelier_probe__';
const probeLoadFailed = 4;

/**
 * Loads keytar and checks that the keychain answers. Resolves to a backend, or rejects with a
 * sentence saying why the keychain cannot be used (shown to the user in Settings).
 */
export async function openKeychain(options: KeychainOptions = {}): Promise<KeyBackend> {
  // Generous: a loaded machine (a full test run on two cores) can take seconds just to start the probe process.
  const probeTimeoutMs = options.probeTimeoutMs ?? 10_000;
  const callTimeoutMs = options.callTimeoutMs ?? 60_000;
  const keytar = options.load
    ? await probeInProcess(options.load, probeTimeoutMs)
    : await probeInChildProcess(probeTimeoutMs);
  const call = <T>(promise: Promise<T>) => withTimeout(promise, callTimeoutMs, 'The system keychain');
  return {
    name: 'keychain',
    get: (providerId) => call(keytar.getPassword(keychainService, providerId)),
    set: (providerId, key) => call(keytar.setPassword(keychainService, providerId, key)),
    delete: async (providerId) => {
      await call(keytar.deletePassword(keychainService, providerId));
    },
  };
}

// A keychain call that never answers blocks a native thread, and Node cannot exit until that thread
// returns. So the first contact happens in a throw-away child process that can be killed: only once the
// keychain has answered there does this process load keytar itself.
const probeScript = `
const say = (error, code) => { process.stderr.write(String((error && error.message) || error)); process.exit(code); };
let keytar;
try { keytar = require(process.env.ATELIER_KEYTAR_PATH); } catch (error) { say(error, ${probeLoadFailed}); }
keytar.getPassword(${JSON.stringify(keychainService)}, ${JSON.stringify(probeAccount)}).then(() => process.exit(0), (error) => say(error, 3));`;

/** For a substitute keytar, which cannot block a native thread. */
async function probeInProcess(load: () => Promise<KeytarApi>, timeoutMs: number): Promise<KeytarApi> {
  let keytar: KeytarApi;
  try {
    keytar = await withTimeout(load(), timeoutMs, 'it');
  } catch (error) {
    throw new Error(`the keychain module could not be loaded (${reason(error)})`);
  }
  try {
    await withTimeout(keytar.getPassword(keychainService, probeAccount), timeoutMs, 'it');
  } catch (error) {
    throw new Error(`the system keychain could not be reached (${reason(error)})`);
  }
  return keytar;
}

async function probeInChildProcess(timeoutMs: number): Promise<KeytarApi> {
  await new Promise<void>((resolve, reject) => spawnProbe(timeoutMs, resolve, reject));
  try {
    return await loadKeytar();
  } catch (error) {
    throw new Error(`the keychain module could not be loaded (${reason(error)})`);
  }
}

function spawnProbe(timeoutMs: number, resolve: () => void, reject: (error: Error) => void): void {
  let keytarPath: string;
  try {
    keytarPath = createRequire(import.meta.url).resolve('keytar');
  } catch (error) {
    reject(new Error(`the keychain module could not be loaded (${reason(error)})`));
    return;
  }
  // ELECTRON_RUN_AS_NODE makes the Electron binary (process.execPath in the app) behave as plain Node.
  const child = spawn(process.execPath, ['-e', probeScript], {
    env: { ...process.env, ATELIER_KEYTAR_PATH: keytarPath, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
    reject(new Error(`the system keychain could not be reached (it did not answer within ${timeoutMs / 1000} s)`));
  }, timeoutMs);
  child.on('error', (error) => {
    clearTimeout(timer);
    reject(new Error(`the keychain check could not start (${error.message})`));
  });
  child.on('exit', (code, signal) => {
    clearTimeout(timer);
    if (code === 0) return resolve();
    const detail =
      stderr.trim().split('\n')[0]?.slice(0, 300) ||
      (signal ? `the check was stopped by ${signal}` : `exit code ${code}`);
    const what =
      code === probeLoadFailed ? 'the keychain module could not be loaded' : 'the system keychain could not be reached';
    reject(new Error(`${what} (${detail})`));
  });
}

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
