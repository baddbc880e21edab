// Carries one job from whatever state it is in to the end: send it (or keep polling the remote id it
// already has), then download and store every result image. Each step is written down before the next
// one starts, so a crash at any point resumes here without losing or doubling an image.
import { AppError } from '../../../shared/errors';
import type { HttpClientOptions } from '../http/client';
import { abortableSleep } from '../http/retry-policy';
import type { Library } from '../library/library';
import type { ModelCatalog } from '../providers/catalog-cache';
import { createHttpClient, createProviderAdapter, takeResultImage } from '../providers/providers';
import type { ProviderRegistry } from '../providers/registry';
import type { ImageRequest, ImageResult, PartialImage, ProviderAdapter } from '../providers/types';
import type { JobChanges, JobParams, StoredJob } from './job-row';
import type { Slots } from './slots';
import type { JobInput, JobStore } from './store';

export interface RunnerDeps {
  store: JobStore;
  library: Library;
  registry: ProviderRegistry;
  catalog: ModelCatalog;
  http: Omit<HttpClientOptions, 'provider'>;
  /** Overrides the protocol's own poll interval (tests and benchmarks poll at once). */
  pollIntervalMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Writes the changes, announces the job, and answers it as it now stands. */
  update: (current: StoredJob, changes: JobChanges) => StoredJob;
  /** Gives the provider slot back: called once the provider has answered, before results are fetched and stored. */
  leaveProvider: () => void;
  /** Slots for fetching and storing results, shared by all providers (bounds memory and disk work). */
  intake: Slots;
  /** A preview the provider streamed before its final image (kept out of the library by the engine). */
  onPartial?: (partial: PartialImage) => void;
}

/** The adapter request of a job: its parameters plus the input files kept with it. */
export function buildRequest(model: string, prompt: string, params: JobParams, inputs: JobInput[]): ImageRequest {
  const images = inputs
    .filter((input) => input.role === 'image')
    .map((input) => ({ bytes: input.bytes, mimeType: input.mimeType }));
  const mask = inputs.find((input) => input.role === 'mask');
  const { extra, ...named } = params;
  return {
    model,
    prompt,
    ...named,
    ...(extra ? { extra } : {}),
    ...(images.length ? { images } : {}),
    ...(mask ? { mask: { bytes: mask.bytes, mimeType: mask.mimeType } } : {}),
  };
}

/** How often a cancelled remote job is looked at for how it ended (at fal's 500 ms: three seconds). */
const looksAfterCancel = 6;
/** The longest one of those looks may take: a status answers in moments, and the user is waiting for the cancel. */
const lookTimeoutMs = 3000;

function withoutNegativePrompt(params: Record<string, unknown>): Record<string, unknown> {
  const { negativePrompt: _recordedApart, ...rest } = params;
  return rest;
}

/** Bytes become base64 so the answer can be written to the jobs table and survive a restart. */
function storable(result: ImageResult): ImageResult {
  return {
    ...result,
    images: result.images.map(({ bytes, ...image }) => (bytes ? { ...image, b64: bytes.toString('base64') } : image)),
  };
}

/** An inline answer whose data was only in memory when the process ended (runJob's landed). */
function answerLost(): AppError {
  return new AppError(
    'unavailable',
    'The answer came, but Atelier closed before storing its image: the provider may have charged for it. ' +
      'Retry sends it again, which may charge again.',
  );
}

/**
 * The answer came but some image from `from` on has neither data nor a URL: it was held only in memory (landed) when
 * the process ended, so nothing can fetch it again.
 */
export function imageDataLost(result: ImageResult, from = 0): boolean {
  return result.images
    .slice(from)
    .some((image) => image.url === undefined && image.b64 === undefined && image.bytes === undefined);
}

/** Whether the answer holds its images' data (inline base64 or bytes) rather than links to fetch. */
function carriesImageData(result: ImageResult | null): boolean {
  return result?.images.some((image) => image.b64 !== undefined || image.bytes !== undefined) ?? false;
}

/** Once stored in the library, the job keeps the answer's facts but not the image data. */
function withoutImageData(result: ImageResult): ImageResult {
  return { ...result, images: result.images.map(({ b64: _b64, bytes: _bytes, ...image }) => image) };
}

export async function runJob(deps: RunnerDeps, initial: StoredJob, signal: AbortSignal): Promise<StoredJob> {
  const { store, update } = deps;
  const sleep = deps.sleep ?? abortableSleep;
  const provider = deps.registry.get(initial.providerId);
  const key = await deps.registry.keyFor(provider.id);
  const adapter = createProviderAdapter({
    ...deps.http,
    provider,
    key,
    protocol: initial.protocol,
    remoteModels: deps.catalog.remoteModels(provider.id),
  });
  let job = initial;
  /** An intake slot taken the moment an inline answer arrived (see landed); given back however the job ends. */
  let heldIntake = null as (() => void) | null;
  /** Set when a cancelled remote job finished anyway: its result is stored, past the cancel (see settleCancel). */
  let finishedDespiteCancel = false;

  try {
    if (!job.remote && !job.result) job = await send(job);
    if (job.status === 'running' && job.remote) job = await pollUntilDone(job, adapter);
    // The provider's part is over: its slot goes to the next job while this one fetches and stores (a link expires).
    // An answer with its images inline keeps the slot until they are stored: nothing there expires, and the slot is
    // what stops the provider answering faster than the intake stores, each waiting answer ≈4 MB in memory and,
    // with no intake slot free, written into the jobs row (bench/jobs.ts: 3.5× its baseline). The engine's end of
    // the job gives it back.
    if (!carriesImageData(job.result)) deps.leaveProvider();
    if (job.status === 'downloading') {
      if (!finishedDespiteCancel) stopIfCancelled();
      const storing = finishedDespiteCancel ? new AbortController().signal : signal;
      const release = heldIntake ?? (await deps.intake.acquire(storing));
      try {
        job = await downloadAll(job, storing);
      } finally {
        release();
      }
    }
    return job;
  } finally {
    heldIntake?.();
  }

  /**
   * A finished answer. One that carries its images inline (a GPT image's b64_json, ~4 MB each) goes straight to an
   * intake slot when one is free, its data kept in memory only: written into the jobs row it cost tens of ms of main
   * thread per job (the JSON, then SQLite's WAL and checkpoint), holding every other job and the UI's IPC up. Only
   * when the intake is busy is the data written down, to survive a restart while it waits. A crash during that one
   * intake leaves a result without data, and the job ends failed saying so (downloadAll).
   */
  function landed(sending: StoredJob, result: ImageResult): StoredJob {
    heldIntake = carriesImageData(result) ? deps.intake.tryAcquire() : null;
    if (!heldIntake) return update(sending, { status: 'downloading', result: storable(result), progress: null });
    const written = update(sending, { status: 'downloading', result: withoutImageData(result), progress: null });
    return { ...written, result };
  }

  /** A cancel may come from another process (the CLI beside the app): the row says so. */
  function stopIfCancelled(): void {
    if (store.cancelRequested(initial.id)) throw new AppError('cancelled', 'The job was cancelled.');
  }

  async function send(current: StoredJob): Promise<StoredJob> {
    const sending = update(current, { status: 'submitted', attempts: current.attempts + 1, error: null });
    const outcome = await adapter.submit(
      buildRequest(sending.model, sending.prompt, sending.jobParams, store.inputs(sending.id)),
      signal,
      { onPartial: deps.onPartial },
    );
    if (outcome.kind === 'pending')
      return update(sending, { status: 'running', remote: outcome.remote, progress: outcome.progress });
    return landed(sending, outcome.result);
  }

  async function pollUntilDone(initialPoll: StoredJob, remoteAdapter: ProviderAdapter): Promise<StoredJob> {
    try {
      return await pollLoop(initialPoll, remoteAdapter);
    } catch (error) {
      // A quit or a failure leaves here as it came; only a cancel the user asked for is settled at the provider.
      if (!store.cancelRequested(initial.id)) throw error;
      return settleCancel(store.get(initial.id) ?? initialPoll, remoteAdapter);
    }
  }

  /**
   * A cancel of a remote job: asked at the provider, then its end read back. fal's cancel is best effort: a request
   * already running may still end COMPLETED after CANCELLATION_REQUESTED (providers.md §2: only an `error_type` of
   * `client_cancelled` says it stopped), and then it ran and was charged. Its images are stored, not thrown away
   * (paid work is never orphaned), and the job ends done. A job still running after a few looks, or whose status
   * does not come (each look waits lookTimeoutMs at most), is left cancelled. Cancelled here, the job is not cancelled
   * at the provider a second time by the engine.
   */
  async function settleCancel(current: StoredJob, remoteAdapter: ProviderAdapter): Promise<StoredJob> {
    const remote = current.remote!;
    await remoteAdapter.cancel(remote).catch(() => undefined);
    const interval = deps.pollIntervalMs ?? remoteAdapter.pollIntervalMs;
    for (let look = 0; look < looksAfterCancel; look++) {
      const outcome = await remoteAdapter.poll(remote, AbortSignal.timeout(lookTimeoutMs)).catch(() => null);
      if (outcome === null || outcome.kind === 'cancelled') break;
      if (outcome.kind === 'done') {
        finishedDespiteCancel = true;
        return update(current, { status: 'downloading', result: storable(outcome.result), progress: null });
      }
      if (interval > 0) await sleep(interval);
    }
    return update(current, { status: 'cancelled' });
  }

  async function pollLoop(initialPoll: StoredJob, remoteAdapter: ProviderAdapter): Promise<StoredJob> {
    let current = initialPoll;
    const remote = current.remote!;
    const interval = deps.pollIntervalMs ?? remoteAdapter.pollIntervalMs;
    let last = JSON.stringify({ p: current.queuePosition, l: current.logs.length });
    for (;;) {
      if (interval > 0) await sleep(interval, signal);
      stopIfCancelled();
      // A failed poll is retried by the HTTP layer under the protocol's own policy (http/retry-policy.ts),
      // never again here: one schedule per call, as the official clients have it.
      const outcome = await remoteAdapter.poll(remote, signal);
      if (outcome.kind === 'cancelled') return update(current, { status: 'cancelled' });
      if (outcome.kind === 'done')
        return update(current, { status: 'downloading', result: storable(outcome.result), progress: null });
      const now = JSON.stringify({ p: outcome.progress.queuePosition, l: outcome.progress.logs?.length ?? 0 });
      // Progress is written (and announced) only when it changed, not on every poll.
      if (now !== last) current = update(current, { progress: outcome.progress });
      last = now;
    }
  }

  async function downloadAll(downloading: StoredJob, storing: AbortSignal): Promise<StoredJob> {
    let current = downloading;
    const result = current.result;
    if (!result || result.images.length === 0)
      throw new AppError('provider_failed', `${provider.label} answered without an image.`);
    const http = createHttpClient({ ...deps.http, provider });
    // Images stored before a crash are found by job id and not stored again.
    const imageIds = deps.library.imageIdsOfJob(current.id);
    const costEach = result.costUsd !== undefined ? result.costUsd / result.images.length : null;
    for (let index = imageIds.length; index < result.images.length; index++) {
      // The library decodes every pixel before it keeps the file; a damaged download is
      // fetched once more. Thumbnails follow in the background and need not hold the job up.
      const image = result.images[index]!;
      if (image.url === undefined && image.b64 === undefined && image.bytes === undefined) throw answerLost();
      // The seed that made this image: its own (each of a local batch), else the answer's, else the one sent.
      const seed = image.seed ?? result.seed ?? current.jobParams.seed ?? null;
      const stored = await takeResultImage(
        http,
        image,
        (bytes) =>
          deps.library.addImage(
            {
              bytes,
              source: current.kind === 'edit' ? 'edited' : 'generated',
              provider: provider.id,
              model: current.model,
              prompt: current.prompt,
              // The negative prompt has its own column (and the gallery's search); the params keep the rest.
              negativePrompt: current.jobParams.negativePrompt ?? null,
              params: withoutNegativePrompt(seed === null ? current.params : { ...current.params, seed }),
              seed,
              costUsd: costEach,
              latencyMs: result.latencyMs ?? null,
              parentId: current.parentId,
              jobId: current.id,
            },
            { thumbnails: 'later' },
          ),
        storing,
      );
      imageIds.push(stored.id);
      // The last image is announced with the job's end, in one write; the images table already holds it.
      if (imageIds.length < result.images.length) current = update(current, { imageIds: [...imageIds] });
    }
    // A result of links is kept as it is; one that carried the images inline drops them now.
    const inline = carriesImageData(result);
    return update(current, { status: 'done', imageIds, ...(inline ? { result: withoutImageData(result) } : {}) });
  }
}
