// The providers.* and models.* channels: the provider registry with each key's status (never the key
// itself), "Test connection", and a provider's model catalogue for the Generate view and `atelier models`.
import { AppError } from '../../../shared/errors';
import { presets, type ProviderConfig } from '../../../shared/presets';
import type { HandlerSlice } from '../handlers';
import type { KeyStatus, SecretStore } from '../secrets/types';
import type { ModelCatalog } from './catalog-cache';
import type { ProviderRegistry } from './registry';
import { testConnection } from './test-connection';
import { requestTimeoutOf } from './adapter';

export interface ProvidersDomain {
  registry: ProviderRegistry;
  secrets: SecretStore;
  catalog: ModelCatalog;
}

type ProviderEntry = ProviderConfig & { requestTimeoutMs: number | null; effectiveTimeoutMs: number; key: KeyStatus };

type ProvidersChannel =
  | 'providers.list'
  | 'providers.add'
  | 'providers.update'
  | 'providers.remove'
  | 'providers.setKey'
  | 'providers.removeKey'
  | 'providers.test'
  | 'models.list';

export function providersHandlers({ registry, secrets, catalog }: ProvidersDomain): HandlerSlice<ProvidersChannel> {
  const withKey = async (provider: ProviderConfig): Promise<ProviderEntry> => ({
    ...provider,
    requestTimeoutMs: provider.requestTimeoutMs ?? null,
    effectiveTimeoutMs: requestTimeoutOf(provider),
    key: await secrets.status(provider.id),
  });
  return {
    'providers.list': async () => ({ providers: await Promise.all(registry.list().map(withKey)) }),
    'providers.add': ({ id, preset, baseUrl, label }) => withKey(registry.add({ id, preset, baseUrl, label })),
    'providers.update': ({ id, baseUrl, label, requestTimeoutMs }) =>
      withKey(registry.update(id, { baseUrl, label, requestTimeoutMs })),
    'providers.remove': async ({ id }) => {
      await registry.remove(id);
      return { id };
    },
    'providers.setKey': async ({ id, key }) => {
      const provider = registry.get(id);
      if (!presets[provider.preset].needsKey) {
        throw new AppError('invalid_input', `${provider.label} does not use a key.`);
      }
      return secrets.set(id, key);
    },
    'providers.removeKey': async ({ id }) => {
      registry.get(id);
      await secrets.delete(id);
      return secrets.status(id);
    },
    'providers.test': async ({ id }) => {
      const provider = registry.get(id);
      const key = presets[provider.preset].needsKey ? await secrets.get(id) : null;
      return testConnection(provider, key);
    },
    'models.list': ({ providerId, refresh }) => catalog.list(providerId, refresh ?? false),
  };
}
