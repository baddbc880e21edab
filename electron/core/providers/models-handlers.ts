// The models.* channels: a provider's catalogue for the Generate view and `atelier models`.
import type { HandlerSlice } from '../handlers';
import type { ModelCatalog } from './catalog-cache';

export function modelsHandlers(catalog: ModelCatalog): HandlerSlice<'models.list'> {
  return {
    'models.list': ({ providerId, refresh }) => catalog.list(providerId, refresh ?? false),
  };
}
