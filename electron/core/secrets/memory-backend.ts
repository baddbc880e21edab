import type { KeyBackend } from './types';

/** The last resort: keys live in this process only and are gone when it exits. Never written anywhere. */
export function openMemory(): KeyBackend {
  const keys = new Map<string, string>();
  return {
    name: 'memory',
    get: async (providerId) => keys.get(providerId) ?? null,
    set: async (providerId, key) => {
      keys.set(providerId, key);
    },
    delete: async (providerId) => {
      keys.delete(providerId);
    },
  };
}
