import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { maxTargetsPerBatch } from '../../shared/limits';
import { builtInTarget } from '../../shared/presets';
import { invoke } from '../api';
import { attempt, type ShownError } from './attempt';
import { useJobs } from './jobs';
import type { ReusedSettings } from './reuse';

export interface Target {
  providerId: string;
  model: string;
}

export interface GenerateParams {
  n: number;
  size: string;
  aspectRatio: string;
  quality: string;
  seed: string;
}

interface GenerateState {
  prompt: string;
  targets: Target[];
  params: GenerateParams;
  submitting: boolean;
  error: ShownError | null;
  setPrompt(prompt: string): void;
  setTarget(index: number, target: Target): void;
  addTarget(target: Target): void;
  removeTarget(index: number): void;
  setParams(patch: Partial<GenerateParams>): void;
  /** Fills the form with an image's or a job's settings (one target: the one that made it). */
  reuse(settings: ReusedSettings): void;
  submit(): Promise<void>;
  dismissError(): void;
}

export const defaultTarget: Target = { ...builtInTarget };

/** What the user typed and picked survives a restart (a crash loses no prompt). */
export const useGenerate = create<GenerateState>()(
  persist(
    (set, get) => ({
      prompt: '',
      targets: [defaultTarget],
      params: { n: 1, size: '', aspectRatio: '', quality: '', seed: '' },
      submitting: false,
      error: null,
      setPrompt: (prompt) => set({ prompt }),
      setTarget: (index, target) =>
        set({ targets: get().targets.map((current, at) => (at === index ? target : current)) }),
      addTarget: (target) => set({ targets: [...get().targets, target].slice(0, maxTargetsPerBatch) }),
      removeTarget: (index) =>
        set({ targets: get().targets.length > 1 ? get().targets.filter((_, at) => at !== index) : get().targets }),
      setParams: (patch) => set({ params: { ...get().params, ...patch } }),
      reuse: ({ target, prompt, params }) =>
        set({ prompt, params, error: null, ...(target ? { targets: [target] } : {}) }),
      submit: async () => {
        const { prompt, targets, params, submitting } = get();
        if (submitting) return;
        set({ submitting: true, error: null });
        await attempt(set, async () => {
          const seed = params.seed.trim() === '' ? undefined : Number(params.seed);
          const { jobs } = await invoke('jobs.create', {
            targets,
            prompt,
            n: params.n,
            size: params.size || undefined,
            aspectRatio: params.aspectRatio || undefined,
            quality: params.quality || undefined,
            seed: Number.isInteger(seed) ? seed : undefined,
          });
          for (const job of jobs) useJobs.getState().upsert(job);
        });
        set({ submitting: false });
      },
      dismissError: () => set({ error: null }),
    }),
    {
      name: 'atelier.generate',
      version: 1,
      partialize: (state) => ({ prompt: state.prompt, targets: state.targets, params: state.params }),
    },
  ),
);
