// The job engine: validates and writes jobs, runs them with a concurrency limit per provider, cancels
// them (remotely too, where the API allows), resumes unfinished ones, and announces every change.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isFinished, type Job, type JobRequest, type JobStatus } from '../../../shared/contract/jobs';
import { AppError, errorDetails, isAppError } from '../../../shared/errors';
import { freeProtocols, presets } from '../../../shared/presets';
import type { CoreEvents } from '../events';
import type { HttpClientOptions } from '../http/client';
import type { Library } from '../library/library';
import { redact } from '../redact';
import type { ModelCatalog } from '../providers/catalog-cache';
import type { ProviderRegistry } from '../providers/registry';
import type { PartialImage } from '../providers/types';
import { createProviderAdapter } from '../providers/providers';
import { defaultLeaseMs, holdLease } from './lease';
import { planBatch } from './plan-batch';
import { imageDataLost, runJob } from './runner';
import { Slots } from './slots';
import { type JobChanges, publicJob, type StoredJob } from './job-row';
import { createPreviews } from './previews';
import { type JobInput, JobStore } from './store';

export interface JobEngineOptions {
  db: ConstructorParameters<typeof JobStore>[0];
  library: Library;
  registry: ProviderRegistry;
  catalog: ModelCatalog;
  events: CoreEvents;
  now?: () => number;
  http?: Omit<HttpClientOptions, 'provider'>;
  /** Jobs talking to a provider at once, per provider (default: its preset's `concurrency`). */
  concurrency?: (providerId: string) => number;
  pollIntervalMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How long this engine's hold on its jobs outlives its last heartbeat (jobs/lease.ts). */
  leaseMs?: number;
}

/** Jobs fetching and storing their results at once, all providers together (bounds memory and disk work). */
const intakeSlots = 4;
/**
 * Answered jobs that may wait in line for an intake slot before the engine stops sending new requests. Without it a
 * fast provider answered every queued job while the intake stored four at a time: 10,000 queued jobs held thousands
 * of answered runs in memory at once (test/jobs/load.test.ts: 400 MB resident), and inline answers waiting there
 * were each written into the jobs row (bench/jobs.ts).
 */
const intakeBacklog = intakeSlots;

const mimeOfFormat: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

export function createJobEngine(options: JobEngineOptions) {
  const now = options.now ?? Date.now;
  const store = new JobStore(options.db, now);
  /** Jobs waiting for a free slot, oldest first, with their provider so scheduling needs no query. */
  const waiting: Array<{ id: string; providerId: string }> = [];
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const runningPerProvider = new Map<string, number>();
  const waiters = new Map<string, Array<(job: Job) => void>>();
  let closing = false;
  const lease = holdLease(options.db, now, options.leaseMs ?? defaultLeaseMs);
  const self = lease.owner;

  const limit = options.concurrency ?? presetConcurrency(options.registry);
  const stored = (jobId: string) => options.library.imageIdsOfJob(jobId);
  const intake = new Slots(intakeSlots);

  const previews = createPreviews();
  /** What the renderer and the CLI see: the job and, while it runs, its latest preview. */
  const shown = (job: StoredJob): Job => ({ ...publicJob(job), ...previews.view(job.id) });

  /** The stored job, or the one not_found answer. */
  function existing(id: string): StoredJob {
    const job = store.get(id);
    if (!job) throw noSuchJob(id);
    return job;
  }

  function update(current: StoredJob, changes: JobChanges): StoredJob {
    const job = store.update(current, changes);
    if (isFinished(job.status)) previews.clear(job.id);
    const visible = shown(job);
    options.events.emit('jobs.changed', visible);
    if (isFinished(job.status)) {
      for (const resolve of waiters.get(job.id) ?? []) resolve(visible);
      waiters.delete(job.id);
    }
    return job;
  }

  function pump(): void {
    if (closing) return;
    for (let index = 0; index < waiting.length;) {
      // Results queue up faster than they are stored: nothing new is sent until the line shortens (a job's end
      // pumps again).
      if (intake.queued >= intakeBacklog) return;
      const { id, providerId } = waiting[index]!;
      if ((runningPerProvider.get(providerId) ?? 0) >= limit(providerId)) {
        index++;
        continue;
      }
      waiting.splice(index, 1);
      const job = store.get(id);
      if (job) start(job);
    }
  }

  function start(job: StoredJob): void {
    const controller = new AbortController();
    runningPerProvider.set(job.providerId, (runningPerProvider.get(job.providerId) ?? 0) + 1);
    let holdsProviderSlot = true;
    const leaveProvider = () => {
      if (!holdsProviderSlot) return;
      holdsProviderSlot = false;
      runningPerProvider.set(job.providerId, (runningPerProvider.get(job.providerId) ?? 1) - 1);
      pump();
    };
    const deps = {
      store,
      library: options.library,
      registry: options.registry,
      catalog: options.catalog,
      http: options.http ?? {},
      pollIntervalMs: options.pollIntervalMs,
      sleep: options.sleep,
      update,
      leaveProvider,
      intake,
      onPartial: (partial: PartialImage) => {
        // Announced as it comes, in order; the media protocol serves it once its file has landed.
        const current = previews.put(job.id, partial) ? store.get(job.id) : null;
        if (current && !isFinished(current.status)) options.events.emit('jobs.changed', shown(current));
      },
    };
    const done = runJob(deps, job, controller.signal)
      .then(() => undefined)
      .catch((error: unknown) => settleFailure(job.id, error))
      .finally(() => {
        active.delete(job.id);
        leaveProvider();
        // Its intake slot went to the next in line, so the intake's line is shorter: more may be sent.
        pump();
      });
    active.set(job.id, { controller, done });
  }

  async function settleFailure(id: string, error: unknown): Promise<void> {
    const job = store.get(id);
    if (!job) return;
    // Shutting down: leave the job where it is; the next start resumes it.
    if (closing && !job.cancelRequested) return;
    if (job.cancelRequested || (isAppError(error) && error.code === 'cancelled')) {
      if (job.remote) await cancelRemote(job);
      update(job, { status: 'cancelled' });
      return;
    }
    const info = isAppError(error)
      ? error.toInfo()
      : { code: 'internal' as const, message: redact(`Unexpected failure: ${String(error)}`) };
    update(job, { status: 'failed', error: { code: info.code, message: info.message } });
  }

  async function cancelRemote(job: StoredJob): Promise<void> {
    try {
      const provider = options.registry.get(job.providerId);
      const key = await options.registry.keyFor(provider.id);
      const adapter = createProviderAdapter({ ...options.http, provider, key, protocol: job.protocol });
      await adapter.cancel(job.remote!);
    } catch {
      // Best effort: the job is cancelled here whatever the provider says.
    }
  }

  async function inputsOf(request: JobRequest): Promise<{ inputs: JobInput[]; parentId: string | null }> {
    const inputs: JobInput[] = [];
    let parentId: string | null = null;
    for (const image of request.images ?? []) {
      if ('imageId' in image) {
        const stored = options.library.get(image.imageId);
        parentId ??= stored.id;
        inputs.push({
          role: 'image',
          mimeType: mimeOfFormat[stored.format] ?? 'image/png',
          bytes: readFileSync(stored.path),
        });
      } else {
        inputs.push({ role: 'image', mimeType: image.mimeType, bytes: Buffer.from(image.base64, 'base64') });
      }
    }
    if (request.mask)
      inputs.push({ role: 'mask', mimeType: 'image/png', bytes: Buffer.from(request.mask.base64, 'base64') });
    return { inputs, parentId };
  }

  function schedule(job: StoredJob): void {
    if (!active.has(job.id) && !waiting.some((entry) => entry.id === job.id))
      waiting.push({ id: job.id, providerId: job.providerId });
  }

  return {
    /** Validates every target first (nothing is written when one is invalid), then writes and starts the jobs. */
    async create(request: JobRequest): Promise<{ batchId: string; jobs: Job[] }> {
      const { inputs, parentId } = await inputsOf(request);
      // Every target checked with its own options first: nothing is written while one is refused (plan-batch.ts).
      const planned = (await planBatch(options, request, inputs)).map((draft) => ({ ...draft, parentId, inputs }));
      // What was sent, for ↑/↓ in the prompt (the library keeps the history): the negative prompt a target was sent.
      const negativePrompt = planned.find((draft) => draft.params.negativePrompt)?.params.negativePrompt ?? null;
      if (planned.length > 0) options.library.recordPrompt({ prompt: request.prompt, negativePrompt });
      const batchId = `batch_${randomBytes(6).toString('hex')}`;
      const jobs = planned.map((draft) => store.insert({ ...draft, batchId, owner: self }));
      for (const job of jobs) {
        options.events.emit('jobs.changed', shown(job));
        schedule(job);
      }
      pump();
      return { batchId, jobs: jobs.map(publicJob) };
    },

    get(id: string): Job {
      const job = existing(id);
      return shown(job);
    },

    list(filter: { status?: JobStatus; batchId?: string; limit?: number } = {}): Job[] {
      return store.list(filter).map(shown);
    },

    /** Stops a job; a remote one is cancelled at the provider too. Finished jobs are answered as they are. */
    async cancel(id: string): Promise<Job> {
      const job = existing(id);
      if (isFinished(job.status)) return shown(job);
      const asked = store.update(job, { cancelRequested: true });
      const running = active.get(id);
      if (running) {
        running.controller.abort();
        await running.done;
        return shown(store.get(id)!);
      }
      const index = waiting.findIndex((entry) => entry.id === id);
      if (index >= 0) waiting.splice(index, 1);
      if (job.remote) await cancelRemote(job);
      return shown(update(asked, { status: 'cancelled' }));
    },

    /**
     * Picks up every unfinished job no live engine is running: remote ones keep polling from their stored
     * id, unsent ones are sent, downloaded images are not stored twice.
     */
    resume(): string[] {
      const jobs = store
        .unfinished()
        .filter((job) => !active.has(job.id) && !waiting.some((entry) => entry.id === job.id))
        .filter((job) => job.owner === self || store.claim(job.id, self))
        .filter((job) => {
          const lost = lostAnswer(job, stored);
          if (lost === null) return true;
          // Free work is simply done again; paid work waits for the user's Retry (it may have been charged).
          if (freeProtocols.includes(job.protocol)) {
            if (lost === 'stored') update(job, { status: 'queued', result: null });
            return true;
          }
          update(job, { status: 'interrupted', error: lost === 'sent' ? interruptedError : notStoredError });
          return false;
        })
        .map((job) => store.get(job.id)!);
      jobs.forEach(schedule);
      pump();
      return jobs.map((job) => job.id);
    },

    /**
     * Sends a failed, cancelled or interrupted job again from where it stopped: its result fetched again, its remote job
     * polled again, or (sent and unanswered, or never sent) the request sent again — which may charge again.
     */
    retry(id: string): Job {
      let job = existing(id);
      // A cancelled remote job was stopped at the provider: polling it again would only say so, so it is sent anew.
      if (job.status === 'cancelled' && job.remote && !job.result) job = store.update(job, { remote: null });
      // An answer whose image data was lost with the process cannot be fetched again: it is sent anew.
      if (job.result && imageDataLost(job.result, stored(job.id).length)) job = store.update(job, { result: null });
      const status: JobStatus = job.result ? 'downloading' : job.remote ? 'running' : 'queued';
      if (!store.reopen(id, self, status))
        throw new AppError(
          'conflict',
          `Job ${id} is ${job.status}: only a failed, cancelled or interrupted job can be retried.`,
        );
      const reopened = store.get(id)!;
      options.events.emit('jobs.changed', shown(reopened));
      schedule(reopened);
      pump();
      return shown(reopened);
    },

    /** Forgets a finished job: its row and inputs go, the images it made stay in the library. */
    remove(id: string): { id: string } {
      const job = existing(id);
      if (!isFinished(job.status) || !store.remove(id))
        throw new AppError(
          'conflict',
          `Job ${id} is ${job.status}: only a finished job can be removed. Cancel it first.`,
          errorDetails('job_not_removable', { status: job.status }),
        );
      options.events.emit('jobs.removed', { id });
      return { id };
    },

    /** Paid answers quitting now would lose: calls sent and unanswered, answers held only in memory. */
    paidCallsInFlight(): number {
      return [...active.keys()].filter((id) => {
        const job = store.get(id);
        return job !== null && !freeProtocols.includes(job.protocol) && lostAnswer(job, stored) !== null;
      }).length;
    },

    /** A running job's preview for the media protocol (`/media/preview/<jobId>/<index>`), or null. */
    previewMedia(urlPath: string): Promise<{ path: string; mime: string } | null> {
      return previews.resolve(urlPath);
    },

    /** Resolves when the job is done, failed, cancelled or interrupted. */
    waitFor(id: string): Promise<Job> {
      const job = store.get(id);
      if (!job) return Promise.reject(noSuchJob(id));
      if (isFinished(job.status)) return Promise.resolve(shown(job));
      return new Promise((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), resolve]));
    },

    /** Stops running jobs without changing their state, so the next start resumes them. */
    async close(): Promise<void> {
      closing = true;
      waiting.length = 0;
      const running = [...active.values()];
      for (const entry of running) entry.controller.abort();
      await Promise.all(running.map((entry) => entry.done));
      store.release(self);
      lease.end();
      previews.close();
    },
  };
}

export type JobEngine = ReturnType<typeof createJobEngine>;

/** The one answer for a job id nobody knows. */
function noSuchJob(id: string): AppError {
  return new AppError(
    'not_found',
    `There is no job ${id}. See \`atelier jobs list\`.`,
    errorDetails('job_not_found', { id }),
  );
}

/**
 * What of a job's answer only this process had, and the next start cannot get back: 'sent' — a request sent (status
 * submitted) with neither an answer nor a remote id to look it up by (a synchronous call, or a fal or Replicate
 * submit whose answer never came: sending it again may pay twice); 'stored' — the answer came, its image data held
 * only in memory (runner.ts landed) and not yet in the library. Null when a restart loses nothing.
 */
function lostAnswer(job: StoredJob, storedImages: (jobId: string) => string[]): 'sent' | 'stored' | null {
  if (job.status === 'submitted' && !job.remote && !job.result) return 'sent';
  if (job.status === 'downloading' && job.result && imageDataLost(job.result, storedImages(job.id).length))
    return 'stored';
  return null;
}

const notStoredError = {
  code: 'unavailable' as const,
  message:
    'The answer came, but Atelier closed before storing its image: the provider may have charged for it. ' +
    'Retry sends it again, which may charge again.',
};

const interruptedError = {
  code: 'unavailable' as const,
  message:
    'Sent, but Atelier closed before the answer came: the provider may have made (and charged) the image. ' +
    'Retry sends it again, which may charge again.',
};

/**
 * Each provider's slots come from its preset. Looked up once per provider: the scheduler asks on every
 * pass, and a provider's preset never changes (providers.update takes only a label and a base URL).
 */
function presetConcurrency(registry: ProviderRegistry): (providerId: string) => number {
  const known = new Map<string, number>();
  return (providerId) => {
    const cached = known.get(providerId);
    if (cached !== undefined) return cached;
    const provider = registry.find(providerId);
    // A provider removed meanwhile: its jobs fail as they start, one at a time.
    if (!provider) return 1;
    const slots = presets[provider.preset].concurrency;
    known.set(providerId, slots);
    return slots;
  };
}
