// The fallback when the OS keychain cannot serve: each key encrypted by Electron's safeStorage (passed in
// as an Encryptor) in one file under the app's data folder. Only ciphertext touches the disk, and the
// file is replaced atomically so a crash mid-write never leaves a torn or empty key file.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Encryptor, KeyBackend } from './types';

export const keyFileName = 'keys.safe-storage.json';

interface KeyFile {
  version: 1;
  /** provider id → base64 ciphertext. */
  keys: Record<string, string>;
}

/** Says why the encryptor cannot be trusted with keys, or null when it can. */
export function encryptorRefusal(encryptor: Encryptor | undefined): string | null {
  if (!encryptor) return 'no encryption service was provided';
  if (!encryptor.isAvailable()) return 'the operating system offers no encryption for app data';
  if (encryptor.backendName() === 'basic_text') {
    return 'the only encryption available is "basic_text", which does not protect the key';
  }
  return null;
}

export function openEncryptedFile(encryptor: Encryptor, dataDir: string): KeyBackend {
  const path = join(dataDir, keyFileName);

  const read = (): KeyFile => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: {} };
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<KeyFile>;
    return { version: 1, keys: { ...(parsed.keys ?? {}) } };
  };

  const write = (file: KeyFile): void => {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(file));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  };

  return {
    name: 'safe-storage',
    async get(providerId) {
      const cipher = read().keys[providerId];
      if (cipher === undefined) return null;
      try {
        return encryptor.decrypt(Buffer.from(cipher, 'base64'));
      } catch {
        throw new AppError(
          'unavailable',
          `The saved key for "${providerId}" cannot be decrypted on this computer. Set it again in Settings → Providers.`,
        );
      }
    },
    async set(providerId, key) {
      const file = read();
      file.keys[providerId] = encryptor.encrypt(key).toString('base64');
      write(file);
    },
    async delete(providerId) {
      const file = read();
      if (!(providerId in file.keys)) return;
      delete file.keys[providerId];
      write(file);
    },
  };
}
