// Providers and their keys. A key goes in once (providers.setKey) and never comes back out:
// every answer carries only its KeyStatus (set/unset, the backend holding it, the last four characters).
import { z } from 'zod';
import { requestTimeoutRangeMs } from '../limits';
import { presetIds } from '../presets';
import { channel } from './define';

const providerId = z.string().trim().min(1).max(40);
const label = z.string().trim().min(1).max(80);
const baseUrl = z.string().trim().min(1).max(2000);
/** A provider's own request time-out in ms; null goes back to its preset's. */
const requestTimeoutMs = z.number().int().min(requestTimeoutRangeMs.min).max(requestTimeoutRangeMs.max).nullable();

/** Where a key can live: the OS keychain, the encrypted file (Electron's safeStorage), memory, ATELIER_KEY_<ID>. */
export const keyBackends = ['keychain', 'safe-storage', 'memory', 'env'] as const;
export type SecretBackend = (typeof keyBackends)[number];

export const keyStatusSchema = z.object({
  status: z.enum(['set', 'unset']),
  backend: z.enum(keyBackends).nullable(),
  last4: z.string().nullable(),
});

export const providerEntrySchema = z.object({
  id: z.string(),
  label: z.string(),
  preset: z.enum(presetIds),
  baseUrl: z.string().nullable(),
  /** The provider's own time-out, or null for its preset's (`effectiveTimeoutMs` is the one requests get). */
  requestTimeoutMs: z.number().nullable(),
  effectiveTimeoutMs: z.number(),
  key: keyStatusSchema,
});

/** What "Test connection" found, each with its own sentence in the UI (providers.outcomes.*). */
export const connectionOutcomes = [
  'works',
  'key_refused',
  'no_key',
  'no_network',
  'bad_base_url',
  'provider_error',
] as const;

export const connectionResultSchema = z.object({
  outcome: z.enum(connectionOutcomes),
  message: z.string(),
  httpStatus: z.number().nullable(),
});

export const secretsDescriptionSchema = z.object({
  backend: z.enum(keyBackends),
  warning: z.string().nullable(),
});

export const providersChannels = {
  'providers.list': channel(z.object({}).strict(), z.object({ providers: z.array(providerEntrySchema) })),
  'providers.add': channel(
    z
      .object({
        id: providerId,
        preset: z.enum(presetIds),
        baseUrl: baseUrl.nullable().optional(),
        label: label.optional(),
      })
      .strict(),
    providerEntrySchema,
  ),
  'providers.update': channel(
    z
      .object({
        id: providerId,
        baseUrl: baseUrl.nullable().optional(),
        label: label.optional(),
        requestTimeoutMs: requestTimeoutMs.optional(),
      })
      .strict(),
    providerEntrySchema,
  ),
  'providers.remove': channel(z.object({ id: providerId }).strict(), z.object({ id: z.string() })),
  'providers.setKey': channel(
    // Keys are single tokens: surrounding whitespace (a pasted newline) is never part of one.
    z.object({ id: providerId, key: z.string().trim().min(1, 'The key is empty.').max(4096) }).strict(),
    keyStatusSchema,
  ),
  'providers.removeKey': channel(z.object({ id: providerId }).strict(), keyStatusSchema),
  'providers.test': channel(z.object({ id: providerId }).strict(), connectionResultSchema),
  'secrets.describe': channel(z.object({}).strict(), secretsDescriptionSchema),
};
