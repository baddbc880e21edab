import { create } from 'zustand';
import { invoke } from '../api';
import type { Spend } from '../../shared/contract/library';
import { attempt, type ShownError } from './attempt';

interface SpendState {
  spend: Spend | null;
  error: ShownError | null;
  /** This calendar month in the user's time zone, from its first midnight to the next month's. */
  loadThisMonth(now?: Date): Promise<void>;
  dismissError(): void;
}

export function thisMonth(now: Date): { from: string; to: string; utcOffsetMinutes: number } {
  return {
    from: new Date(now.getFullYear(), now.getMonth(), 1).toISOString(),
    to: new Date(now.getFullYear(), now.getMonth() + 1, 1).toISOString(),
    // Days are cut at the offset in force now (a daylight-saving change within the month moves none by a day).
    utcOffsetMinutes: -now.getTimezoneOffset(),
  };
}

export const useSpend = create<SpendState>()((set) => ({
  spend: null,
  error: null,
  loadThisMonth: async (now = new Date()) => {
    await attempt(set, async () => set({ spend: await invoke('library.spend', thisMonth(now)) }), {
      background: true,
    });
  },
  dismissError: () => set({ error: null }),
}));
