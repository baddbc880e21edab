import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { invoke } from '../api';
import { requestTargets } from './target-params';
import { attempt, type ShownError } from './attempt';
import { useCatalog } from './catalog';
import { useJobs } from './jobs';
import type { ReusedSettings } from './reuse';
import { defaultParams, defaultTarget, targetsActions, type TargetsActions, type TargetsState } from './targets';

/** A prompt sent before, with the negative prompt sent beside it ('' when none was). */
export interface RecalledPrompt {
  prompt: string;
  negativePrompt: string;
}

interface GenerateState extends TargetsState, TargetsActions {
  prompt: string;
  /** What the images should not show; sent only to the targets whose model takes one. */
  negativePrompt: string;
  submitting: boolean;
  error: ShownError | null;
  setPrompt(prompt: string): void;
  setNegativePrompt(negativePrompt: string): void;
  /** Fills the form with an image's or a job's settings (one target: the one that made it). */
  reuse(settings: ReusedSettings): void;
  submit(): Promise<void>;
  /** Sent prompts, newest first (library.promptHistory), and where ↑/↓ stand in them (null: what is being typed). */
  history: RecalledPrompt[];
  historyAt: number | null;
  loadHistory(): Promise<void>;
  /** ↑ (older) or ↓ (newer) through the history, as a shell does; past the newest, the prompt is empty again. */
  recall(direction: 'older' | 'newer'): boolean;
  dismissError(): void;
}

/** What the user typed and picked survives a restart (a crash loses no prompt). */
export const useGenerate = create<GenerateState>()(
  persist(
    (set, get) => ({
      prompt: '',
      negativePrompt: '',
      targets: [defaultTarget],
      params: defaultParams,
      submitting: false,
      error: null,
      setPrompt: (prompt) => set({ prompt, historyAt: null }),
      setNegativePrompt: (negativePrompt) => set({ negativePrompt }),
      history: [],
      historyAt: null,
      loadHistory: async () => {
        await attempt(
          set,
          async () => {
            const { prompts } = await invoke('library.promptHistory', {});
            set({
              history: prompts.map((entry) => ({ prompt: entry.prompt, negativePrompt: entry.negativePrompt ?? '' })),
            });
          },
          { background: true },
        );
      },
      recall: (direction) => {
        const { history, historyAt } = get();
        const at = direction === 'older' ? (historyAt ?? -1) + 1 : (historyAt ?? 0) - 1;
        if (at >= history.length || (historyAt === null && direction === 'newer')) return false;
        // A recalled prompt brings back the negative prompt sent with it; past the newest both are empty again.
        if (at < 0) set({ prompt: '', negativePrompt: '', historyAt: null });
        else set({ ...history[at]!, historyAt: at });
        return true;
      },
      ...targetsActions(set, get),
      reuse: ({ target, prompt, negativePrompt, params }) =>
        set({ prompt, negativePrompt, params, error: null, ...(target ? { targets: [target] } : {}) }),
      submit: async () => {
        const { prompt, negativePrompt, targets, params, submitting } = get();
        if (submitting) return;
        set({ submitting: true, error: null });
        await attempt(set, async () => {
          const { jobs } = await invoke('jobs.create', {
            targets: requestTargets(targets, params, negativePrompt, useCatalog.getState().models),
            prompt,
          });
          for (const job of jobs) useJobs.getState().upsert(job);
          set({ historyAt: null });
          void get().loadHistory();
        });
        set({ submitting: false });
      },
      dismissError: () => set({ error: null }),
    }),
    {
      name: 'atelier.generate',
      version: 1,
      partialize: (state) => ({
        prompt: state.prompt,
        negativePrompt: state.negativePrompt,
        targets: state.targets,
        params: state.params,
      }),
    },
  ),
);
