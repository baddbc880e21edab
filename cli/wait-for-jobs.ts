// Waiting for jobs from the command line: live progress lines on a terminal, Ctrl+C cancels what is
// still running (exit 5), and the outcome of the jobs becomes one exit code.
import { isFinished, isPaidCallInFlight, type Job } from '../shared/contract/jobs';
import { paidCallsWarning } from './paid-calls-warning';
import type { LibraryImage } from '../shared/contract/library';
import { redact } from '../electron/core/redact';
import { call } from './call';
import { type CommandContext, exitCodes } from './command';
import { ProgressBoard } from './progress';

/** Handed to the provider: a remote queue holds it, or its answer is in hand (only the download is left). */
export const isSent = (job: Job): boolean =>
  isFinished(job.status) || job.status === 'running' || job.status === 'downloading';

/**
 * Resolves with the jobs once each one satisfies `until` (default: finished). The first Ctrl+C cancels
 * every job still going, remotely too; a second one leaves at once, and the jobs resume later. While paid calls
 * are in flight, the first Ctrl+C only says so, and the next one cancels.
 */
export async function waitForJobs(
  context: CommandContext,
  ids: string[],
  until: (job: Job) => boolean = (job) => isFinished(job.status),
): Promise<Job[]> {
  const core = await context.core();
  const board =
    context.tty && process.stderr.isTTY
      ? new ProgressBoard({ write: (text) => process.stderr.write(redact(text)), columns: process.stderr.columns })
      : null;
  const latest = new Map<string, Job>();
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const see = (job: Job) => {
    latest.set(job.id, job);
    board?.update(job);
    if (ids.every((id) => latest.has(id) && until(latest.get(id)!))) settle();
  };
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (event === 'jobs.changed' && ids.includes((payload as Job).id)) see(payload as Job);
  });
  let interrupted = false;
  let warned = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(exitCodes.cancelled);
    const paid = [...latest.values()].filter(isPaidCallInFlight).length;
    if (paid > 0 && !warned) {
      warned = true;
      const warning = paidCallsWarning(paid, 'cancel');
      if (board) board.message(warning);
      else context.err(warning);
      return;
    }
    interrupted = true;
    const message = 'Cancelling… (press Ctrl+C again to leave without waiting; `atelier jobs resume` carries on then)';
    if (board) board.message(message);
    else context.err(message);
    for (const job of latest.values()) {
      if (!isFinished(job.status))
        core.jobs
          .cancel(job.id)
          .then(see, (error: unknown) => context.err(`Could not cancel ${job.id}: ${(error as Error).message}`));
    }
  };
  process.on('SIGINT', onInterrupt);
  try {
    // After subscribing, so a change between the job's creation and now is not missed.
    for (const id of ids) see(core.jobs.get(id));
    await settled;
    return ids.map((id) => latest.get(id)!);
  } finally {
    unsubscribe();
    process.off('SIGINT', onInterrupt);
  }
}

/** The library images a job stored, in the documented image shape. */
export async function imagesOf(context: CommandContext, jobs: Job[]): Promise<LibraryImage[]> {
  const images: LibraryImage[] = [];
  for (const id of jobs.flatMap((job) => job.imageIds)) images.push(await call(context, 'library.get', { id }));
  return images;
}

function exitCodeOfJob(job: Job): number {
  if (job.status === 'done') return exitCodes.ok;
  if (job.status === 'cancelled' || job.error?.code === 'cancelled') return exitCodes.cancelled;
  switch (job.error?.code) {
    case 'auth_refused':
      return exitCodes.auth;
    case 'provider_failed':
    case 'network_failed':
    case 'invalid_input':
    case 'unavailable':
      return exitCodes.provider;
    default:
      return exitCodes.partial;
  }
}

/** 0 when every job is done; the failure's own code when none is done and all failed alike; else 1. */
export function exitCodeOfJobs(jobs: Job[]): number {
  const codes = new Set(jobs.map(exitCodeOfJob));
  if (codes.size === 0) return exitCodes.ok;
  return codes.size === 1 ? [...codes][0]! : exitCodes.partial;
}

/** A job in the row shape of `jobs list --json` (docs/cli.md). */
export function jobRow(job: Job) {
  return {
    id: job.id,
    status: job.status,
    provider: job.providerId,
    model: job.model,
    remoteId: job.remoteId,
    attempts: job.attempts,
    error: job.error,
    imageIds: job.imageIds,
  };
}

/** Tells a user on stderr how each job that did not finish well ended. */
export function reportFailures(context: CommandContext, jobs: Job[]): void {
  for (const job of jobs) {
    if (job.status === 'failed') context.err(`Job ${job.id} failed: ${job.error?.message ?? 'unknown reason'}`);
    if (job.status === 'cancelled') context.err(`Job ${job.id} was cancelled.`);
    if (job.status === 'interrupted') context.err(`Job ${job.id} was interrupted: ${job.error?.message ?? ''}`);
  }
}
