import { create } from 'zustand';
import { invoke, on } from '../api';
import type { Job } from '../../shared/contract/jobs';
import { attempt, type ShownError } from './attempt';

interface JobsState {
  jobs: Record<string, Job>;
  /** Batch ids, newest first: one per Generate click, holding one job per provider/model pair. */
  batches: string[];
  started: boolean;
  error: ShownError | null;
  start(): Promise<void>;
  upsert(job: Job): void;
  cancel(id: string): Promise<void>;
  /** Sends a failed or interrupted job again (the card has said an interrupted one may charge again). */
  retry(id: string): Promise<void>;
  dismissError(): void;
}

/** Live updates are subscribed to once, whatever number of times start() has to try the list. */
let listening = false;

export const useJobs = create<JobsState>()((set, get) => ({
  jobs: {},
  batches: [],
  started: false,
  error: null,
  start: async () => {
    if (get().started) return;
    set({ started: true });
    const listed = await attempt(
      set,
      async () => {
        // Live updates first, so nothing that changes during the initial list is missed.
        if (!listening) on('jobs.changed', (job) => get().upsert(job));
        listening = true;
        const { jobs } = await invoke('jobs.list', { limit: 200 });
        for (const job of [...jobs].reverse()) get().upsert(job);
      },
      { background: true },
    );
    // The next view that needs jobs tries again.
    if (!listed) set({ started: false });
  },
  upsert: (job) => {
    const current = get().jobs[job.id];
    // Contract dates are ISO strings in UTC, which compare in time order as text.
    if (current && current.updatedAt > job.updatedAt) return;
    const batchId = job.batchId ?? job.id;
    const batches = get().batches.includes(batchId) ? get().batches : [batchId, ...get().batches];
    set({ jobs: { ...get().jobs, [job.id]: job }, batches });
  },
  cancel: async (id) => {
    await attempt(set, async () => get().upsert(await invoke('jobs.cancel', { id })));
  },
  retry: async (id) => {
    await attempt(set, async () => get().upsert(await invoke('jobs.retry', { id })));
  },
  dismissError: () => set({ error: null }),
}));

export function jobsOfBatch(jobs: Record<string, Job>, batchId: string): Job[] {
  return Object.values(jobs)
    .filter((job) => (job.batchId ?? job.id) === batchId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
