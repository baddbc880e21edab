import { create } from 'zustand';
import { invoke } from '../api';
import type { ModelInfo } from '../../shared/contract/models';

interface CatalogState {
  /** Models per provider id, loaded once per provider and kept (the core caches remote catalogues). */
  models: Record<string, ModelInfo[]>;
  warnings: Record<string, string | null>;
  load(providerId: string): Promise<ModelInfo[]>;
}

const inFlight = new Map<string, Promise<ModelInfo[]>>();

export const useCatalog = create<CatalogState>()((set, get) => ({
  models: {},
  warnings: {},
  load: (providerId) => {
    const known = get().models[providerId];
    if (known) return Promise.resolve(known);
    let loading = inFlight.get(providerId);
    if (!loading) {
      loading = invoke('models.list', { providerId })
        .then(({ models, warning }) => {
          set({
            models: { ...get().models, [providerId]: models },
            warnings: { ...get().warnings, [providerId]: warning },
          });
          return models;
        })
        .finally(() => inFlight.delete(providerId));
      inFlight.set(providerId, loading);
    }
    return loading;
  },
}));

export function findModel(
  models: Record<string, ModelInfo[]>,
  providerId: string,
  modelId: string,
): ModelInfo | undefined {
  return models[providerId]?.find((model) => model.id === modelId);
}
