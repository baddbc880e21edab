// The models a provider lists (ImageRouter's /v1/models), kept in the library database so the catalogue
// works offline and the app does not refetch a thousand models on every start.
import { z } from 'zod';
import { isoDate } from '../../../shared/contract/dates';
import { type ModelInfo, modelInfoSchema } from '../../../shared/contract/models';
import { isAppError } from '../../../shared/errors';
import { presets } from '../../../shared/presets';
import type { Db } from '../db/open';
import { HttpClient, type FetchLike } from '../http/client';
import { fetchRemoteCatalog, mergeCatalog } from './catalog';
import type { ProviderRegistry } from './registry';

/** A day: model lists change slowly, and a refresh is one click (or `refresh: true`) away. */
const freshForMs = 24 * 60 * 60_000;
/** A cache written before models said whether they take a negative prompt is read as taking none (true of ImageRouter). */
const cachedModels = z.array(modelInfoSchema.extend({ negativePrompt: z.boolean().default(false) }));

export interface ModelListing {
  providerId: string;
  models: ModelInfo[];
  /** When the remote list was fetched; null for the built-in list alone. */
  fetchedAt: string | null;
  warning: string | null;
}

export interface ModelCatalogOptions {
  db: Db;
  registry: ProviderRegistry;
  now?: () => number;
  fetch?: FetchLike;
}

export function createModelCatalog({ db, registry, now = Date.now, fetch }: ModelCatalogOptions) {
  const read = db.prepare('SELECT fetched_at AS fetchedAt, models FROM model_catalog_cache WHERE provider_id = ?');
  const write = db.prepare(
    'INSERT INTO model_catalog_cache (provider_id, fetched_at, models) VALUES (?, ?, ?) ON CONFLICT(provider_id) DO UPDATE SET fetched_at = excluded.fetched_at, models = excluded.models',
  );

  function cached(providerId: string): { fetchedAt: number; models: ModelInfo[] } | null {
    const row = read.get(providerId) as { fetchedAt: number; models: string } | undefined;
    if (!row) return null;
    const parsed = cachedModels.safeParse(JSON.parse(row.models));
    // A cache written by another version is ignored, not trusted.
    return parsed.success ? { fetchedAt: row.fetchedAt, models: parsed.data } : null;
  }

  return {
    /** The cached remote models of a provider, for adapters that need capabilities without the network. */
    remoteModels(providerId: string): ModelInfo[] {
      return cached(providerId)?.models ?? [];
    },

    async list(providerId: string, refresh = false): Promise<ModelListing> {
      const provider = registry.get(providerId);
      const spec = presets[provider.preset];
      const saved = cached(providerId);
      const baseUrl = provider.baseUrl ?? spec.defaultBaseUrl;
      const fresh = saved !== null && now() - saved.fetchedAt < freshForMs;
      if (!spec.catalogPath || !baseUrl || (fresh && !refresh)) {
        return {
          providerId,
          models: mergeCatalog(provider.preset, saved?.models),
          fetchedAt: saved ? isoDate(saved.fetchedAt) : null,
          warning: null,
        };
      }
      try {
        // ImageRouter's catalogue is public: a missing key does not stop the listing.
        const key = await registry.keyFor(providerId).catch(() => null);
        const http = new HttpClient({ provider: provider.label, fetch, timeoutMs: 20_000, maxRetries: 1 });
        const remote = await fetchRemoteCatalog(http, provider.preset, baseUrl, key);
        const fetchedAt = now();
        write.run(providerId, fetchedAt, JSON.stringify(remote));
        return {
          providerId,
          models: mergeCatalog(provider.preset, remote),
          fetchedAt: isoDate(fetchedAt),
          warning: null,
        };
      } catch (error) {
        const why = isAppError(error) ? error.message : String(error);
        const shown = saved ? 'the saved list' : 'the built-in list';
        return {
          providerId,
          models: mergeCatalog(provider.preset, saved?.models),
          fetchedAt: saved ? isoDate(saved.fetchedAt) : null,
          warning: `The model list of ${provider.label} could not be refreshed, so ${shown} is shown. ${why}`,
        };
      }
    },
  };
}

export type ModelCatalog = ReturnType<typeof createModelCatalog>;
