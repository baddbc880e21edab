// Keys never leave the main process (or the CLI). The renderer only ever sees KeyStatus: set or unset,
// which backend holds the key (null when unset), and its last four characters to tell keys apart.
import type { z } from 'zod';
import type { keyStatusSchema, SecretBackend } from '../../../shared/contract/providers';

export type KeyStatus = z.infer<typeof keyStatusSchema>;

export interface SecretStore {
  get(providerId: string): Promise<string | null>;
  set(providerId: string, key: string): Promise<KeyStatus>;
  delete(providerId: string): Promise<void>;
  status(providerId: string): Promise<KeyStatus>;
  /** The backend new keys go to, and a plain sentence when it is a weaker fallback. */
  describe(): Promise<{ backend: SecretBackend; warning: string | null }>;
}

/**
 * Electron's safeStorage, handed in by the Electron shell so the core stays Electron-free.
 * backendName() is safeStorage.getSelectedStorageBackend() on Linux ('basic_text' means no real protection).
 */
export interface Encryptor {
  isAvailable(): boolean;
  backendName(): string;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

/** One place keys can live. The SecretStore chains these in order of preference. */
export interface KeyBackend {
  readonly name: Exclude<SecretBackend, 'env'>;
  get(providerId: string): Promise<string | null>;
  set(providerId: string, key: string): Promise<void>;
  delete(providerId: string): Promise<void>;
}
