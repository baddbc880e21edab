// Picks where keys live, once, on first use: the OS keychain; if it cannot serve, safeStorage ciphertext
// in a file (never with the basic_text backend); as a last resort memory for this run, with a plain
// warning for Settings. ATELIER_KEY_<ID> environment variables override all of them for the CLI and scripts.
import type { SecretBackend } from '../../../shared/contract/providers';
import { AppError } from '../../../shared/errors';
import { registerSecret } from '../redact';
import { encryptorRefusal, openEncryptedFile } from './encrypted-file-backend';
import { type KeychainOptions, openKeychain, reason } from './keychain-backend';
import { openMemory } from './memory-backend';
import type { Encryptor, KeyBackend, KeyStatus, SecretStore } from './types';

export interface SecretStoreOptions {
  /** Electron's safeStorage, from the Electron shell. Without it there is no file fallback. */
  encryptor?: Encryptor;
  /** The app's data folder, where the encrypted key file goes. Required with an encryptor. */
  dataDir?: string;
  /** Where ATELIER_KEY_<ID> overrides are read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Keychain tuning (time-outs, a substitute keytar for tests), or false to skip the keychain. */
  keychain?: KeychainOptions | false;
}

/** `openai-2` → `ATELIER_KEY_OPENAI_2` (../shared/docs/cli.md). */
export function envKeyName(providerId: string): string {
  return `ATELIER_KEY_${providerId.toUpperCase().replace(/-/g, '_')}`;
}

/** Short keys would be given away whole by their last four characters. */
function lastFour(key: string): string | null {
  return key.length >= 8 ? key.slice(-4) : null;
}

function setStatus(key: string, backend: SecretBackend): KeyStatus {
  return { status: 'set', backend, last4: lastFour(key) };
}

const unset: KeyStatus = { status: 'unset', backend: null, last4: null };

interface Selection {
  /** Usable backends, most preferred first: new keys go to the first, reads look through all. */
  backends: KeyBackend[];
  keychainProblem: string | null;
  fileProblem: string | null;
}

async function selectBackends(options: SecretStoreOptions): Promise<Selection> {
  const backends: KeyBackend[] = [];
  let keychainProblem: string | null = 'it is turned off';
  if (options.keychain !== false) {
    try {
      backends.push(await openKeychain(options.keychain));
      keychainProblem = null;
    } catch (error) {
      keychainProblem = reason(error);
    }
  }
  let fileProblem = encryptorRefusal(options.encryptor);
  if (!fileProblem && !options.dataDir) fileProblem = 'no data folder was given for the key file';
  if (!fileProblem) backends.push(openEncryptedFile(options.encryptor!, options.dataDir!));
  backends.push(openMemory());
  return { backends, keychainProblem, fileProblem };
}

function warningFor(selection: Selection): string | null {
  const primary = selection.backends[0]!.name;
  if (primary === 'keychain') return null;
  const keychain = `Atelier cannot use the system keychain: ${selection.keychainProblem}.`;
  if (primary === 'safe-storage') {
    return `${keychain} Keys are encrypted by the operating system and saved in a file in Atelier's data folder instead.`;
  }
  return `${keychain} Encrypted storage is not available either (${selection.fileProblem}). Keys are kept in memory for this run only: you will have to enter them again after restarting Atelier.`;
}

export function createSecretStore(options: SecretStoreOptions = {}): SecretStore {
  const env = options.env ?? process.env;
  let selecting: Promise<Selection> | null = null;
  const select = () => (selecting ??= selectBackends(options));

  const fromEnv = (providerId: string): string | null => {
    const value = env[envKeyName(providerId)]?.trim();
    if (!value) return null;
    registerSecret(value);
    return value;
  };

  /** The first backend holding a key for this provider, and the key. */
  const find = async (providerId: string): Promise<{ key: string; backend: KeyBackend } | null> => {
    const { backends } = await select();
    for (const backend of backends) {
      const key = await guard(backend, () => backend.get(providerId));
      if (key) {
        registerSecret(key);
        return { key, backend };
      }
    }
    return null;
  };

  return {
    async get(providerId) {
      return fromEnv(providerId) ?? (await find(providerId))?.key ?? null;
    },
    async status(providerId) {
      const envKey = fromEnv(providerId);
      if (envKey) return setStatus(envKey, 'env');
      const found = await find(providerId);
      return found ? setStatus(found.key, found.backend.name) : unset;
    },
    async set(providerId, key) {
      registerSecret(key);
      const selection = await select();
      for (;;) {
        const primary = selection.backends[0]!;
        try {
          await primary.set(providerId, key);
          break;
        } catch (error) {
          // A keychain that answered the probe can still refuse writes (no default collection, a locked
          // keyring with no way to prompt): fall back as if it had never answered.
          if (primary.name !== 'keychain') throw unavailable(primary, error);
          selection.backends.shift();
          selection.keychainProblem = `it refused to save a key (${reason(error)})`;
        }
      }
      // Drop copies of an older key held by a less preferred backend, so reads cannot find it.
      for (const backend of selection.backends.slice(1)) await guard(backend, () => backend.delete(providerId));
      const envKey = fromEnv(providerId);
      return envKey ? setStatus(envKey, 'env') : setStatus(key, selection.backends[0]!.name);
    },
    async delete(providerId) {
      const { backends } = await select();
      for (const backend of backends) await guard(backend, () => backend.delete(providerId));
    },
    async describe() {
      const selection = await select();
      return { backend: selection.backends[0]!.name, warning: warningFor(selection) };
    },
  };
}

async function guard<T>(backend: KeyBackend, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw unavailable(backend, error);
  }
}

function unavailable(backend: KeyBackend, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const where = backend.name === 'keychain' ? 'The system keychain' : 'The encrypted key file';
  return new AppError('unavailable', `${where} could not be used: ${reason(error)}. Try again, or restart Atelier.`);
}
