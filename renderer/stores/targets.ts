// The models a request goes to, each with the parameters its own model takes: the Generate form and the editor both
// send to several at once (issues 13 and 14), so both stores hold their targets through these actions.
import { maxTargetsPerBatch } from '../../shared/limits';
import { builtInTarget } from '../../shared/presets';

export interface Target {
  providerId: string;
  model: string;
  /** Values set in this target's own panel: they stay when another target changes the shared ones. */
  own?: Partial<GenerateParams>;
}

export interface GenerateParams {
  n: number;
  size: string;
  aspectRatio: string;
  quality: string;
  seed: string;
  /** Partial images while a GPT image model draws (they cost extra tokens: off unless the user turns it on). */
  livePreview?: boolean;
}

export const defaultTarget: Target = { ...builtInTarget };
export const defaultParams: GenerateParams = { n: 1, size: '', aspectRatio: '', quality: '', seed: '' };

/** What a store with targets holds: the targets and the values shared between them. */
export interface TargetsState {
  targets: Target[];
  params: GenerateParams;
}

export interface TargetsActions {
  setTarget(index: number, target: Target): void;
  addTarget(target: Target): void;
  removeTarget(index: number): void;
  /** A value set in one target's panel: its own, and the shared one every other target takes where it can. */
  setTargetParams(index: number, patch: Partial<GenerateParams>): void;
}

export function targetsActions(set: (patch: Partial<TargetsState>) => void, get: () => TargetsState): TargetsActions {
  return {
    setTarget: (index, target) =>
      set({ targets: get().targets.map((current, at) => (at === index ? target : current)) }),
    addTarget: (target) => set({ targets: [...get().targets, target].slice(0, maxTargetsPerBatch) }),
    // The last target stays: a request goes somewhere.
    removeTarget: (index) =>
      set({ targets: get().targets.length > 1 ? get().targets.filter((_, at) => at !== index) : get().targets }),
    setTargetParams: (index, patch) =>
      set({
        params: { ...get().params, ...patch },
        targets: get().targets.map((target, at) =>
          at === index ? { ...target, own: { ...target.own, ...patch } } : target,
        ),
      }),
  };
}
