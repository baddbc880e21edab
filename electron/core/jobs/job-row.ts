// A jobs row and the job the engine works with: the row read into a job, a job carried forward
// through a write without reading the row back, and the part of it the renderer and the CLI see.
// The table keeps times as epoch milliseconds; a job carries them as the contract's ISO dates.
import { isoDate } from '../../../shared/contract/dates';
import { isFinished, type Job, type JobStatus } from '../../../shared/contract/jobs';
import type { ErrorCode } from '../../../shared/errors';
import type { ProtocolId } from '../../../shared/presets';
import type { ImageRequest, ImageResult, RemoteProgress, RemoteRef } from '../providers/types';

/** What a job sends, minus the model, the prompt and the input files (kept in job_inputs). */
export type JobParams = Omit<ImageRequest, 'model' | 'prompt' | 'images' | 'mask'>;

export interface Row {
  id: string;
  batch_id: string | null;
  provider_id: string;
  model: string;
  protocol: ProtocolId;
  kind: 'generate' | 'edit';
  status: JobStatus;
  prompt: string;
  params: string;
  remote: string | null;
  progress: string | null;
  result: string | null;
  attempts: number;
  error_code: ErrorCode | null;
  error: string | null;
  image_ids: string;
  parent_id: string | null;
  cancel_requested: number;
  owner: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** A job as the engine sees it: the public shape plus what it needs to continue. */
export interface StoredJob extends Job {
  jobParams: JobParams;
  remote: RemoteRef | null;
  result: ImageResult | null;
  cancelRequested: boolean;
  owner: string | null;
}

export function toJob(row: Row): StoredJob {
  const progress = row.progress ? (JSON.parse(row.progress) as RemoteProgress) : null;
  const remote = row.remote ? (JSON.parse(row.remote) as RemoteRef) : null;
  const jobParams = JSON.parse(row.params) as JobParams;
  const result = row.result ? (JSON.parse(row.result) as ImageResult) : null;
  const { extra, ...named } = jobParams;
  return {
    id: row.id,
    batchId: row.batch_id,
    providerId: row.provider_id,
    model: row.model,
    protocol: row.protocol,
    kind: row.kind,
    status: row.status,
    prompt: row.prompt,
    params: { ...named, ...extra },
    remoteId: remote?.id ?? null,
    queuePosition: progress?.queuePosition ?? null,
    logs: progress?.logs ?? [],
    // Live previews are kept in memory by the engine (previews.ts), never in the row.
    progress: null,
    preview: null,
    attempts: row.attempts,
    error: row.error_code && row.error ? { code: row.error_code, message: row.error } : null,
    imageIds: JSON.parse(row.image_ids) as string[],
    parentId: row.parent_id,
    costUsd: result?.costUsd ?? null,
    latencyMs: result?.latencyMs ?? null,
    createdAt: isoDate(row.created_at),
    updatedAt: isoDate(row.updated_at),
    finishedAt: row.finished_at === null ? null : isoDate(row.finished_at),
    jobParams,
    remote,
    result,
    cancelRequested: row.cancel_requested === 1,
    owner: row.owner,
  };
}

export type JobChanges = Partial<{
  status: JobStatus;
  remote: RemoteRef | null;
  progress: RemoteProgress | null;
  result: ImageResult | null;
  error: { code: ErrorCode; message: string } | null;
  imageIds: string[];
  attempts: number;
  cancelRequested: boolean;
}>;

/**
 * The job after `changes` written at `at` (epoch ms), derived the way toJob derives it from the row:
 * a new status stamps finishedAt when it is a finished one and clears it otherwise.
 */
export function withChanges(job: StoredJob, changes: JobChanges, at: number): StoredJob {
  const next: StoredJob = { ...job, updatedAt: isoDate(at) };
  if (changes.status !== undefined) {
    next.status = changes.status;
    next.finishedAt = isFinished(changes.status) ? isoDate(at) : null;
  }
  if (changes.remote !== undefined) {
    next.remote = changes.remote;
    next.remoteId = changes.remote?.id ?? null;
  }
  if (changes.progress !== undefined) {
    next.queuePosition = changes.progress?.queuePosition ?? null;
    next.logs = changes.progress?.logs ?? [];
  }
  if (changes.result !== undefined) {
    next.result = changes.result;
    next.costUsd = changes.result?.costUsd ?? null;
    next.latencyMs = changes.result?.latencyMs ?? null;
  }
  if (changes.error !== undefined) next.error = changes.error;
  if (changes.imageIds !== undefined) next.imageIds = [...changes.imageIds];
  if (changes.attempts !== undefined) next.attempts = changes.attempts;
  if (changes.cancelRequested !== undefined) next.cancelRequested = changes.cancelRequested;
  return next;
}

/** Strips the engine's internals: what the renderer and the CLI see. */
export function publicJob(job: StoredJob): Job {
  const {
    jobParams: _params,
    remote: _remote,
    result: _result,
    cancelRequested: _cancel,
    owner: _owner,
    ...visible
  } = job;
  return visible;
}
