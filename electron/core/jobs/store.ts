// The jobs table: every request is written here before it is sent, the remote id the moment it arrives,
// the provider's answer before anything is downloaded. Inputs of an edit are kept as blobs so a job can
// be sent again after a restart even when the files it came from are gone.
import { randomBytes } from 'node:crypto';
import { finishedStatuses, isFinished, retryableStatuses, type JobStatus } from '../../../shared/contract/jobs';
import type { ProtocolId } from '../../../shared/presets';
import type { Db } from '../db/open';
import { cached } from '../db/statement-cache';
import { type JobChanges, type JobParams, type Row, type StoredJob, toJob, withChanges } from './job-row';

export interface JobInput {
  role: 'image' | 'mask';
  mimeType: string;
  bytes: Buffer;
}

export interface NewJob {
  /** The engine that runs it (host:pid:token), so another process does not run it twice. */
  owner: string;
  batchId: string | null;
  providerId: string;
  model: string;
  protocol: ProtocolId;
  prompt: string;
  params: JobParams;
  parentId: string | null;
  inputs: JobInput[];
}

export function newJobId(): string {
  return `job_${randomBytes(8).toString('hex')}`;
}

/** The finished states as an SQL list, for the queries that skip finished jobs. */
const finishedList = finishedStatuses.map((status) => `'${status}'`).join(', ');
const retryableList = retryableStatuses.map((status) => `'${status}'`).join(', ');

export class JobStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  insert(job: NewJob): StoredJob {
    const at = this.now();
    const row: Row = {
      id: newJobId(),
      batch_id: job.batchId,
      provider_id: job.providerId,
      model: job.model,
      protocol: job.protocol,
      kind: job.inputs.some((input) => input.role === 'image') ? 'edit' : 'generate',
      status: 'queued',
      prompt: job.prompt,
      params: JSON.stringify(job.params),
      remote: null,
      progress: null,
      result: null,
      attempts: 0,
      error_code: null,
      error: null,
      image_ids: '[]',
      parent_id: job.parentId,
      cancel_requested: 0,
      owner: job.owner,
      created_at: at,
      updated_at: at,
      finished_at: null,
    };
    const addInput = cached(
      this.db,
      'INSERT INTO job_inputs (job_id, role, position, mime_type, bytes) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      cached(
        this.db,
        `INSERT INTO jobs (id, batch_id, provider_id, model, protocol, kind, status, prompt, params, parent_id, owner, created_at, updated_at)
           VALUES (@id, @batch_id, @provider_id, @model, @protocol, @kind, @status, @prompt, @params, @parent_id, @owner, @created_at, @updated_at)`,
      ).run(row);
      job.inputs.forEach((input, position) => addInput.run(row.id, input.role, position, input.mimeType, input.bytes));
    })();
    // The row as written: the columns left out of the INSERT take the defaults written here.
    return toJob(row);
  }

  get(id: string): StoredJob | null {
    const row = cached(this.db, 'SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return row ? toJob(row) : null;
  }

  list(filter: { status?: JobStatus; batchId?: string; limit?: number } = {}): StoredJob[] {
    const rows = cached(
      this.db,
      `SELECT * FROM jobs WHERE (@status IS NULL OR status = @status) AND (@batchId IS NULL OR batch_id = @batchId)
         ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ).all({ status: filter.status ?? null, batchId: filter.batchId ?? null, limit: filter.limit ?? 100 }) as Row[];
    return rows.map(toJob);
  }

  /** Jobs a restart must carry on with, oldest first. */
  unfinished(): StoredJob[] {
    const rows = cached(
      this.db,
      `SELECT * FROM jobs WHERE status NOT IN (${finishedList}) ORDER BY created_at, rowid`,
    ).all() as Row[];
    return rows.map(toJob);
  }

  inputs(id: string): JobInput[] {
    const rows = cached(
      this.db,
      'SELECT role, mime_type AS mimeType, bytes FROM job_inputs WHERE job_id = ? ORDER BY role, position',
    ).all(id) as JobInput[];
    return rows;
  }

  /**
   * Writes the changes and answers the job as it now stands, worked out from `current` rather than read
   * back (a job is written several times on its way). Columns other processes write (cancel_requested,
   * owner) are read where they matter, never taken from this answer.
   */
  update(current: StoredJob, changes: JobChanges): StoredJob {
    const at = this.now();
    const sets: string[] = ['updated_at = @updatedAt'];
    const values: Record<string, unknown> = { id: current.id, updatedAt: at };
    const set = (column: string, key: string, value: unknown) => {
      sets.push(`${column} = @${key}`);
      values[key] = value;
    };
    if (changes.status !== undefined) {
      set('status', 'status', changes.status);
      set('finished_at', 'finishedAt', isFinished(changes.status) ? at : null);
    }
    if (changes.remote !== undefined) set('remote', 'remote', changes.remote ? JSON.stringify(changes.remote) : null);
    if (changes.progress !== undefined)
      set('progress', 'progress', changes.progress ? JSON.stringify(changes.progress) : null);
    if (changes.result !== undefined) set('result', 'result', changes.result ? JSON.stringify(changes.result) : null);
    if (changes.error !== undefined) {
      set('error_code', 'errorCode', changes.error?.code ?? null);
      set('error', 'error', changes.error?.message ?? null);
    }
    if (changes.imageIds !== undefined) set('image_ids', 'imageIds', JSON.stringify(changes.imageIds));
    if (changes.attempts !== undefined) set('attempts', 'attempts', changes.attempts);
    if (changes.cancelRequested !== undefined)
      set('cancel_requested', 'cancelRequested', changes.cancelRequested ? 1 : 0);
    cached(this.db, `UPDATE jobs SET ${sets.join(', ')} WHERE id = @id`).run(values);
    return withChanges(current, changes, at);
  }

  /** Whether a cancel was asked for, by this process or another one (the CLI beside the app). */
  cancelRequested(id: string): boolean {
    return cached(this.db, 'SELECT cancel_requested FROM jobs WHERE id = ?').pluck().get(id) === 1;
  }

  /**
   * Takes an unfinished job whose engine holds no live lease (jobs/lease.ts): released, crashed, or from before
   * leases. One UPDATE decides, so of two engines resuming at once exactly one wins.
   */
  claim(id: string, owner: string): boolean {
    const at = this.now();
    const claimed = cached(
      this.db,
      `UPDATE jobs SET owner = @owner, updated_at = @at
         WHERE id = @id AND status NOT IN (${finishedList}) AND (owner IS NULL OR owner = @owner OR NOT EXISTS
           (SELECT 1 FROM job_leases WHERE job_leases.owner = jobs.owner AND job_leases.expires_at > @at))`,
    ).run({ owner, at, id });
    return claimed.changes === 1;
  }

  /**
   * Puts a failed or interrupted job back to `status` (where it stopped) for `owner` to run, in one UPDATE: of two
   * Retry clicks (the app and the CLI) one wins. False when the job is not in a state Retry takes.
   */
  reopen(id: string, owner: string, status: JobStatus): boolean {
    const reopened = cached(
      this.db,
      `UPDATE jobs SET status = @status, owner = @owner, error_code = NULL, error = NULL, finished_at = NULL,
         cancel_requested = 0, updated_at = @at WHERE id = @id AND status IN (${retryableList})`,
    ).run({ id, owner, status, at: this.now() });
    return reopened.changes === 1;
  }

  /** Deletes a finished job's row (its inputs go with it: ON DELETE CASCADE); false when it is not finished. */
  remove(id: string): boolean {
    return cached(this.db, `DELETE FROM jobs WHERE id = ? AND status IN (${finishedList})`).run(id).changes === 1;
  }

  /** On a clean shutdown: unfinished jobs become free for the next engine to resume. */
  release(owner: string): void {
    cached(this.db, `UPDATE jobs SET owner = NULL WHERE owner = ? AND status NOT IN (${finishedList})`).run(owner);
  }
}
