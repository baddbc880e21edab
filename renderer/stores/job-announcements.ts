import { isFinished, type Job } from '../../shared/contract/jobs';

/** A job that has just ended, as a screen reader is told it. */
export type Announcement =
  | { kind: 'done'; jobId: string; model: string; count: number }
  | { kind: 'failed'; jobId: string; model: string; error: NonNullable<Job['error']> }
  | { kind: 'cancelled'; jobId: string; model: string }
  /** Cut off by a crash or a quit where asking again could bill twice: not a failure, but the user must look. */
  | { kind: 'interrupted'; jobId: string; model: string; error: NonNullable<Job['error']> };

/**
 * The jobs that ended between two snapshots of the jobs store. Only a job seen under way before counts: jobs listed
 * already finished when the page opens (or a replayed event of a finished job) are not news.
 */
export function endedJobs(before: Record<string, Job>, after: Record<string, Job>): Announcement[] {
  const ended: Announcement[] = [];
  for (const job of Object.values(after)) {
    const previous = before[job.id];
    if (!previous || isFinished(previous.status) || !isFinished(job.status)) continue;
    const base = { jobId: job.id, model: job.model };
    if (job.status === 'done') ended.push({ kind: 'done', ...base, count: job.imageIds.length });
    else if (job.status === 'cancelled') ended.push({ kind: 'cancelled', ...base });
    else if (job.status === 'interrupted')
      ended.push({ kind: 'interrupted', ...base, error: job.error ?? { code: 'internal', message: '' } });
    else ended.push({ kind: 'failed', ...base, error: job.error ?? { code: 'internal', message: '' } });
  }
  return ended;
}
