// The fal queue, directly (Key auth, tickets on this server) or relayed (Bearer auth, tickets on the
// upstream queue host that the client must re-base, as seed 002 shows). Every status poll advances
// the request: IN_QUEUE (queue_position) → IN_PROGRESS (logs) → COMPLETED.
import { randomUUID } from 'node:crypto';
import { type FileStore, formatOf, makeImage, sizeOf } from './images';
import type { FakeProviderOptions, RecordedRequest, Reply } from './types';

interface FalRequest {
  appPath: string;
  /** The whole submit path (app and subpath), which decides the output's shape. */
  endpoint: string;
  input: Record<string, unknown>;
  polls: number;
  cancelled: boolean;
  /** Cancel was asked while it ran, and it completes anyway (fal's cancel is best effort). */
  finishing: boolean;
  failure: string | null;
  output: Record<string, unknown> | null;
}

const imageSizes: Record<string, { width: number; height: number }> = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
};

/**
 * fal's errors: an app's validation error is 422 `{detail: [{loc, msg, type}]}`; a platform error is
 * `{detail, error_type}` with the same type in `X-Fal-Error-Type` (fal-ai/fal-js libs/client/src/response.ts reads
 * both; providers.md §2). (unsure) The error_type names per status below are fal's documented ones where known.
 */
const falErrorTypes: Record<number, string> = {
  401: 'authentication_error',
  403: 'authorization_error',
  404: 'request_not_found',
  429: 'rate_limited',
  500: 'internal_server_error',
  502: 'runner_connection_error',
  503: 'runner_scheduling_failure',
  504: 'request_timeout',
};

export function falError(status: number, message: string): Reply {
  if (status === 422)
    return { status, body: { detail: [{ loc: ['body', 'prompt'], msg: message, type: 'value_error' }] } };
  const errorType = falErrorTypes[status] ?? 'internal_server_error';
  return { status, headers: { 'X-Fal-Error-Type': errorType }, body: { detail: message, error_type: errorType } };
}

/**
 * Apps under a namespace are namespace/owner/app (fal-ai/fal-js libs/client/src/utils.ts ENDPOINT_NAMESPACES and
 * parseEndpointId; queue.ts keeps the namespace in status, result and cancel paths). How many path segments name
 * the app a request is for.
 */
export function falAppLength(segments: string[]): number {
  return segments[0] === 'workflows' || segments[0] === 'comfy' ? 3 : 2;
}

/**
 * Apps that make one image answer `{image: {...}}` rather than `images: [...]` (providers.md §2; e.g. fal's
 * background removal and upscaler apps; unsure: which apps exactly).
 */
const singleImageApps = new Set(['fal-ai/birefnet', 'fal-ai/clarity-upscaler']);
/** Apps that take their inputs as `image_urls` (fal's model pages of kontext/multi, nano-banana/edit; unsure). */
const multiInputApps = new Set(['fal-ai/flux-pro/kontext/max/multi', 'fal-ai/nano-banana/edit']);

export class FalQueue {
  private readonly requests = new Map<string, FalRequest>();

  constructor(
    private readonly options: FakeProviderOptions,
    private readonly files: FileStore,
    private readonly baseUrl: () => string,
  ) {}

  submit(request: RecordedRequest, segments: string[]): Reply {
    const input = (request.json ?? {}) as Record<string, unknown>;
    if (typeof input.prompt !== 'string' || input.prompt === '') return falError(422, 'field required');
    const urls = input.image_urls;
    if (urls !== undefined && !(Array.isArray(urls) && urls.every((url) => typeof url === 'string')))
      return falError(422, 'image_urls: value is not a valid list of URLs');
    // Apps that take a negative prompt take it as a string (fal-ai/fal-js libs/client/src/types/endpoints.ts,
    // FastSdxlInput and StableCascadeInput: `negative_prompt?: string`). (unsure) The words of fal's 422.
    if (input.negative_prompt !== undefined && typeof input.negative_prompt !== 'string')
      return falError(422, 'negative_prompt: str type expected');
    const endpoint = segments.join('/');
    if (multiInputApps.has(endpoint) && urls === undefined) return falError(422, 'image_urls: field required');
    const id = randomUUID();
    const appPath = segments.slice(0, falAppLength(segments)).join('/');
    this.requests.set(id, {
      appPath,
      endpoint,
      input,
      polls: 0,
      cancelled: false,
      finishing: false,
      failure: null,
      output: null,
    });
    const relayed = (request.headers.authorization ?? '').startsWith('Bearer ');
    const origin = relayed ? (this.options.falUpstreamOrigin ?? 'http://queue.fal-upstream.invalid') : this.baseUrl();
    const base = `${origin}/${appPath}/requests/${id}`;
    return {
      status: 200,
      body: {
        status: 'IN_QUEUE',
        request_id: id,
        response_url: base,
        status_url: `${base}/status`,
        cancel_url: `${base}/cancel`,
        logs: null,
        metrics: {},
        queue_position: this.steps().queued,
      },
    };
  }

  private steps() {
    return this.options.falSteps ?? { queued: 1, inProgress: 1 };
  }

  private find(id: string, appPath: string): FalRequest | null {
    const found = this.requests.get(id);
    return found && found.appPath === appPath ? found : null;
  }

  async status(id: string, appPath: string, withLogs: boolean, failure?: string): Promise<Reply> {
    const entry = this.find(id, appPath);
    if (!entry) return falError(404, 'Request not found');
    if (failure) entry.failure = failure;
    entry.polls++;
    const { queued, inProgress } = this.steps();
    const done = entry.cancelled || entry.failure || entry.finishing || entry.polls > queued + inProgress;
    if (!done && entry.polls <= queued) {
      return { status: 202, body: { status: 'IN_QUEUE', request_id: id, queue_position: queued - entry.polls } };
    }
    if (!done) {
      const logs = withLogs
        ? [
            {
              message: `step ${entry.polls - queued} of ${inProgress}`,
              level: 'INFO',
              source: 'user',
              timestamp: new Date().toISOString(),
            },
          ]
        : [];
      return { status: 202, body: { status: 'IN_PROGRESS', request_id: id, logs } };
    }
    // A request that ended in error still reports COMPLETED, with `error` and its `error_type` (providers.md §2;
    // fal-ai/fal-js libs/client/src/types/common.ts, QueueStatus). (unsure) The type of an app's own failure.
    if (entry.cancelled)
      return {
        status: 200,
        body: {
          status: 'COMPLETED',
          request_id: id,
          error: 'Request was stopped by the user',
          error_type: 'client_cancelled',
          logs: [],
        },
      };
    if (entry.failure)
      return {
        status: 200,
        body: {
          status: 'COMPLETED',
          request_id: id,
          error: entry.failure,
          error_type: 'internal_server_error',
          logs: [],
        },
      };
    await this.ensureOutput(entry);
    return { status: 200, body: { status: 'COMPLETED', request_id: id, logs: [], metrics: { inference_time: 0.42 } } };
  }

  private async ensureOutput(entry: FalRequest): Promise<Record<string, unknown>> {
    if (entry.output) return entry.output;
    const input = entry.input;
    const sizeInput = typeof input.image_size === 'string' ? imageSizes[input.image_size] : input.image_size;
    const size = sizeOf(sizeInput ?? { width: this.side(), height: this.side() }, this.side());
    const format = formatOf(input.output_format, 'jpeg');
    const count = typeof input.num_images === 'number' ? input.num_images : 1;
    const images = [];
    for (let index = 0; index < count; index++) {
      const image = await makeImage(size, format);
      images.push({
        url: this.files.put(image.bytes, image.contentType),
        width: size.width,
        height: size.height,
        content_type: image.contentType,
      });
    }
    const seed = typeof input.seed === 'number' ? input.seed : 12345;
    if (singleImageApps.has(entry.endpoint)) {
      entry.output = { image: images[0], seed, timings: { inference: 0.42 } };
      return entry.output;
    }
    entry.output = {
      images,
      seed,
      has_nsfw_concepts: images.map(() => false),
      prompt: input.prompt,
      timings: { inference: 0.42 },
    };
    return entry.output;
  }

  private side(): number {
    return this.options.defaultImageSide ?? 64;
  }

  async result(id: string, appPath: string): Promise<Reply> {
    const entry = this.find(id, appPath);
    if (!entry) return falError(404, 'Request not found');
    if (entry.cancelled) return falError(400, 'Request was cancelled');
    if (entry.failure) return falError(500, entry.failure);
    const { queued, inProgress } = this.steps();
    if (entry.polls <= queued + inProgress && !entry.finishing) return falError(400, 'Request is still in progress');
    return { status: 200, body: await this.ensureOutput(entry) };
  }

  cancel(id: string, appPath: string): Reply {
    const entry = this.find(id, appPath);
    if (!entry) return { status: 404, body: { status: 'NOT_FOUND' } };
    if (entry.output) return { status: 400, body: { status: 'ALREADY_COMPLETED' } };
    // fal's cancel is best effort: a request still in the queue is removed, but one already running may complete
    // after CANCELLATION_REQUESTED was answered (issue 11, point 11; fal-ai/fal-js libs/client/src/queue.ts cancel
    // only asks). Here a running request completes at its next poll unless told `falRunningCancel: 'stops'`.
    const running = entry.polls > this.steps().queued;
    if (running && this.options.falRunningCancel !== 'stops') entry.finishing = true;
    else entry.cancelled = true;
    return { status: 202, body: { status: 'CANCELLATION_REQUESTED' } };
  }
}
