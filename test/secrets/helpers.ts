// Shared pieces of the secrets tests: a stand-in for Electron's safeStorage and unique provider ids,
// so runs never collide in the (real) keychain they share.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Encryptor } from '../../electron/core/secrets/types';

/** Encrypts like safeStorage does on a desktop with a keyring: AES-GCM under a key the file never sees. */
export function testEncryptor(backendName = 'gnome_libsecret'): Encryptor {
  const key = randomBytes(32);
  return {
    isAvailable: () => true,
    backendName: () => backendName,
    encrypt(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'atelier-secrets-'));
}

/** A key nobody could mistake for anything else, to search for in files and output. */
export function recognisableKey(): string {
  return `sk-LEAKCHECK-${randomBytes(12).toString('hex')}`;
}
