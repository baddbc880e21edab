import { create } from 'zustand';
import { invoke } from '../api';
import type { CheckReport, DiskUsage } from '../../shared/contract/library';
import { attempt, type ShownError } from './attempt';

interface LibraryCareState {
  usage: DiskUsage | null;
  report: CheckReport | null;
  /** Which check is running, if one is (a repair of a large library takes a while). */
  checking: 'check' | 'repair' | null;
  error: ShownError | null;
  loadUsage(): Promise<void>;
  /**
   * Measures again once changes have settled: a batch of results sends an event per image, and each
   * measure walks every thumbnail on the disk.
   */
  loadUsageSoon(): void;
  /** library.check, repairing what it can when asked; the sizes are measured again afterwards. */
  check(repair: boolean): Promise<void>;
  dismissError(): void;
}

/** How long changes must stop before the sizes are measured again. */
export const remeasureAfterMs = 2000;
let remeasure: ReturnType<typeof setTimeout> | undefined;

export const useLibraryCare = create<LibraryCareState>()((set, get) => ({
  usage: null,
  report: null,
  checking: null,
  error: null,
  loadUsage: async () => {
    await attempt(set, async () => set({ usage: await invoke('library.diskUsage', {}) }), { background: true });
  },
  loadUsageSoon: () => {
    clearTimeout(remeasure);
    // loadUsage never rejects (attempt keeps its failure in `error`).
    remeasure = setTimeout(() => void get().loadUsage(), remeasureAfterMs);
  },
  check: async (repair) => {
    if (get().checking) return;
    set({ checking: repair ? 'repair' : 'check', report: null });
    await attempt(set, async () => set({ report: await invoke('library.check', { repair }) }));
    set({ checking: null });
    await get().loadUsage();
  },
  dismissError: () => set({ error: null }),
}));
