import { create } from 'zustand';
import { invoke } from '../api';
import type { ModelInfo } from '../../shared/contract/models';
import { attempt, type ShownError } from './attempt';

interface CatalogState {
  /** Models per provider id, loaded once per provider and kept (the core caches remote catalogues). */
  models: Record<string, ModelInfo[]>;
  warnings: Record<string, string | null>;
  /** Why a provider's models could not be listed; the next load() tries again. */
  errors: Record<string, ShownError>;
  load(providerId: string): Promise<void>;
}

const inFlight = new Map<string, Promise<unknown>>();

export const useCatalog = create<CatalogState>()((set, get) => ({
  models: {},
  warnings: {},
  errors: {},
  load: async (providerId) => {
    if (get().models[providerId]) return;
    let loading = inFlight.get(providerId);
    if (!loading) {
      // Each provider keeps its own error: success (error null) drops it, a failure replaces it.
      const keep = ({ error }: { error: ShownError | null }) => {
        const { [providerId]: _previous, ...others } = get().errors;
        set({ errors: error ? { ...others, [providerId]: error } : others });
      };
      loading = attempt(
        keep,
        async () => {
          const { models, warning } = await invoke('models.list', { providerId });
          set({
            models: { ...get().models, [providerId]: models },
            warnings: { ...get().warnings, [providerId]: warning },
          });
          // The list is here: an old failure for this provider no longer holds.
          keep({ error: null });
        },
        // Asked for by the picker, not by a click (so "not connected" is left to the shell's banner).
        { background: true },
      ).finally(() => inFlight.delete(providerId));
      inFlight.set(providerId, loading);
    }
    await loading;
  },
}));

export function findModel(
  models: Record<string, ModelInfo[]>,
  providerId: string,
  modelId: string,
): ModelInfo | undefined {
  return models[providerId]?.find((model) => model.id === modelId);
}
