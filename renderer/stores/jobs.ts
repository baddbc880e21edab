import { create } from 'zustand';
import { invoke, on } from '../api';
import { isFinished, type Job } from '../../shared/contract/jobs';
import { attempt, type ShownError } from './attempt';
import { endedJobs } from './job-announcements';
import { notifyEnded } from './job-notifications';

interface JobsState {
  jobs: Record<string, Job>;
  /** Batch ids, newest first: one per Generate click, holding one job per provider/model pair. */
  batches: string[];
  started: boolean;
  error: ShownError | null;
  start(): Promise<void>;
  upsert(job: Job): void;
  cancel(id: string): Promise<void>;
  /** Sends a failed, cancelled or interrupted job again (the card has said an interrupted one may charge again). */
  retry(id: string): Promise<void>;
  /** Forgets a finished job; its images stay in the library. */
  remove(id: string): Promise<void>;
  /** Drops a removed job's card (here or in another window). */
  forget(id: string): void;
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
        if (!listening) {
          on('jobs.changed', (job) => get().upsert(job));
          on('jobs.removed', ({ id }) => get().forget(id));
        }
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
  remove: async (id) => {
    await attempt(set, async () => get().forget((await invoke('jobs.remove', { id })).id));
  },
  forget: (id) => {
    const { [id]: removed, ...jobs } = get().jobs;
    if (!removed) return;
    const batchId = removed.batchId ?? removed.id;
    const batchLeft = Object.values(jobs).some((job) => (job.batchId ?? job.id) === batchId);
    set({ jobs, batches: batchLeft ? get().batches : get().batches.filter((id) => id !== batchId) });
  },
  dismissError: () => set({ error: null }),
}));

// A job that ends while the window is in the background is told to the system, when the user asked for it.
useJobs.subscribe((state, previous) => {
  if (state.jobs === previous.jobs) return;
  const ended = endedJobs(previous.jobs, state.jobs);
  if (ended.length > 0)
    notifyEnded(ended, Object.fromEntries(ended.map(({ jobId }) => [jobId, state.jobs[jobId]?.prompt ?? ''])));
});

/** What a card says of a job's state, agreeing with itself: a job waiting in a provider's queue says so. */
export function jobStateOf(job: Job): { label: 'queue' | Job['status']; position: 'next' | number | null } {
  const inQueue = !isFinished(job.status) && job.status !== 'downloading' && job.queuePosition !== null;
  if (!inQueue) return { label: job.status, position: null };
  // fal's queue_position counts the requests ahead: 0 is next, not "position 0".
  return { label: 'queue', position: job.queuePosition! <= 0 ? 'next' : job.queuePosition! };
}

/** End to end, from the click to the stored images (or the failure), in ms; null while the job is on its way. */
export function elapsedMs(job: Job): number | null {
  if (!job.finishedAt) return null;
  return Math.max(0, Date.parse(job.finishedAt) - Date.parse(job.createdAt));
}

export function jobsOfBatch(jobs: Record<string, Job>, batchId: string): Job[] {
  return Object.values(jobs)
    .filter((job) => (job.batchId ?? job.id) === batchId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
