// The fal queue: submit, poll status (202 while queued or running, 200 when done), fetch the result,
// cancel. Directly against queue.fal.run (`Authorization: Key …`) or through a relay such as
// QuickRouter (seed 002, `Bearer …`), whose tickets may carry upstream URLs to re-base.
import type { PresetSpec } from '../../../shared/presets';
import type { HttpClient } from '../http/client';
import { falQueueRetry, falStatusRetry } from '../http/retry-policy';
import { providerFailure } from '../http/error-body';
import { imageSize, toFluxFillMask } from '../masks';
import type {
  AdapterContext,
  ImageRequest,
  ImageResult,
  PollOutcome,
  ProviderAdapter,
  RemoteProgress,
  RemoteRef,
  ResultImage,
} from './types';
import { authHeaders, dataUri, defined, joinUrl, parseSize } from './wire';

export interface FalQueueOptions extends AdapterContext {
  http: HttpClient;
  preset: PresetSpec;
}

const imageSizeForAspect: Record<string, string> = {
  '1:1': 'square_hd',
  '4:3': 'landscape_4_3',
  '16:9': 'landscape_16_9',
  '3:4': 'portrait_4_3',
  '9:16': 'portrait_16_9',
};

/** fal's namespaces (fal-ai/fal-js libs/client/src/utils.ts ENDPOINT_NAMESPACES): their apps are namespace/owner/app. */
export const falEndpointNamespaces = ['workflows', 'comfy'];

/**
 * `fal-ai/flux-1/dev` → owner/app `fal-ai/flux-1`: status, result and cancel never use the subpath, but keep a
 * namespace (`workflows/owner/app`), as fal-js's parseEndpointId and queue.ts build them.
 */
export function falAppPath(modelId: string): string {
  const parts = modelId.replace(/^\/+/, '').split('/');
  return parts.slice(0, falEndpointNamespaces.includes(parts[0]!) ? 3 : 2).join('/');
}

/** Moves an upstream ticket URL (https://queue.fal.run/…) onto the relay's base URL, keeping path and query. */
export function rebaseOnto(base: string, url: string): string {
  const parsed = new URL(url);
  return joinUrl(base, parsed.pathname) + parsed.search;
}

export async function falInput(request: ImageRequest): Promise<Record<string, unknown>> {
  const size = parseSize(request.size);
  const imageSizeField =
    size ?? request.size ?? (request.aspectRatio ? imageSizeForAspect[request.aspectRatio] : undefined);
  const images = request.images ?? [];
  const first = images[0];
  const mask =
    first && request.mask
      ? dataUri(
          await toFluxFillMask(request.mask.bytes, await imageSize(first.bytes), { scaleToImage: request.scaleMask }),
          'image/png',
        )
      : undefined;
  return defined({
    prompt: request.prompt,
    image_size: imageSizeField === 'auto' ? undefined : imageSizeField,
    num_images: request.n,
    seed: request.seed,
    // fal's apps that take one name it `negative_prompt` (fal-ai/fal-js libs/client/src/types/endpoints.ts,
    // FastSdxlInput); the planner sends it only to a model that takes one (FLUX [dev] does not).
    negative_prompt: request.negativePrompt,
    output_format: request.outputFormat,
    // Inpainting apps (flux-pro/v1/fill, flux-general/inpainting) take the image and a white-on-black mask; apps
    // that edit with references (kontext/multi, nano-banana/edit …) take every input as `image_urls`.
    image_url: images.length === 1 ? dataUri(first!.bytes, first!.mimeType) : undefined,
    image_urls: images.length > 1 ? images.map((image) => dataUri(image.bytes, image.mimeType)) : undefined,
    mask_url: mask,
    ...request.extra,
  });
}

export function createFalQueueAdapter(options: FalQueueOptions): ProviderAdapter {
  const { http, preset } = options;
  const headers = () => authHeaders(preset, options.key);

  function ticketUrl(given: unknown, modelId: string, id: string, suffix: string): string {
    const built = joinUrl(options.baseUrl, `${falAppPath(modelId)}/requests/${id}${suffix}`);
    if (typeof given !== 'string' || !given) return built;
    return preset.rebaseFalQueueUrls ? rebaseOnto(options.baseUrl, given) : given;
  }

  async function fetchResult(remote: RemoteRef, signal?: AbortSignal): Promise<ImageResult> {
    const url = remote.resultUrl ?? ticketUrl(undefined, remote.model, remote.id, '');
    const answer = await http.json<Record<string, unknown>>({
      method: 'GET',
      url,
      headers: headers(),
      signal,
      retry: falQueueRetry,
    });
    return parseFalOutput(options.label, answer.body);
  }

  return {
    protocol: 'fal-queue',
    pollIntervalMs: 500,
    async submit(request, signal) {
      const url = joinUrl(options.baseUrl, request.model);
      const answer = await http.json<Record<string, unknown>>({
        method: 'POST',
        url,
        headers: headers(),
        json: await falInput(request),
        signal,
        retry: falQueueRetry,
      });
      const ticket = answer.body ?? {};
      const id = typeof ticket.request_id === 'string' ? ticket.request_id : '';
      if (!id) throw providerFailure(options.label, 'the queue answered without a request id.', { body: ticket });
      const remote: RemoteRef = {
        protocol: 'fal-queue',
        id,
        model: request.model,
        statusUrl: ticketUrl(ticket.status_url, request.model, id, '/status'),
        resultUrl: ticketUrl(ticket.response_url, request.model, id, ''),
        cancelUrl: ticketUrl(ticket.cancel_url, request.model, id, '/cancel'),
      };
      return { kind: 'pending', remote, progress: progressOf(ticket) };
    },
    async poll(remote, signal): Promise<PollOutcome> {
      const base = remote.statusUrl ?? ticketUrl(undefined, remote.model, remote.id, '/status');
      const url = `${base}${base.includes('?') ? '&' : '?'}logs=1`;
      const answer = await http.json<Record<string, unknown>>({
        method: 'GET',
        url,
        headers: headers(),
        signal,
        retry: falStatusRetry,
      });
      const body = answer.body ?? {};
      if (body.status !== 'COMPLETED') return { kind: 'pending', progress: progressOf(body) };
      const error = typeof body.error === 'string' ? body.error : null;
      // A request that ended in error reports COMPLETED with `error` and `error_type`: the type says a cancel
      // (client_cancelled), never the wording of the message (providers.md §2).
      if (body.error_type === 'client_cancelled') return { kind: 'cancelled' };
      if (error) throw providerFailure(options.label, error, { body });
      return { kind: 'done', result: await fetchResult(remote, signal) };
    },
    async cancel(remote, signal) {
      const url = remote.cancelUrl ?? ticketUrl(undefined, remote.model, remote.id, '/cancel');
      // 400 ALREADY_COMPLETED and 404 NOT_FOUND mean there is nothing left to stop.
      await http.json({
        method: 'PUT',
        url,
        headers: headers(),
        signal,
        acceptStatus: [400, 404],
        retry: falQueueRetry,
      });
    },
  };
}

function progressOf(body: Record<string, unknown>): RemoteProgress {
  const progress: RemoteProgress = { status: typeof body.status === 'string' ? body.status : 'IN_QUEUE' };
  if (typeof body.queue_position === 'number') progress.queuePosition = body.queue_position;
  const logs = Array.isArray(body.logs)
    ? body.logs
        .map((line) => (typeof line === 'string' ? line : String((line as { message?: unknown })?.message ?? '')))
        .filter(Boolean)
    : [];
  if (logs.length) progress.logs = logs;
  return progress;
}

/**
 * `{images:[{url, width, height, content_type}], seed, has_nsfw_concepts, prompt, timings}`, or one `image` of the
 * same shape from apps that make one (upscalers, background removal: providers.md §2).
 */
export function parseFalOutput(provider: string, body: Record<string, unknown> | null): ImageResult {
  const output = body ?? {};
  const images: ResultImage[] = [];
  const answered = Array.isArray(output.images) ? output.images : output.image ? [output.image] : [];
  for (const item of answered) {
    const entry = (item ?? {}) as Record<string, unknown>;
    if (typeof entry.url !== 'string' || !entry.url) continue;
    // sync_mode answers data URIs instead of hosted URLs.
    const inline = /^data:([^;]+);base64,(.*)$/s.exec(entry.url);
    images.push(
      defined({
        url: inline ? undefined : entry.url,
        b64: inline ? inline[2] : undefined,
        width: typeof entry.width === 'number' ? entry.width : undefined,
        height: typeof entry.height === 'number' ? entry.height : undefined,
        contentType: typeof entry.content_type === 'string' ? entry.content_type : inline?.[1],
      }) as ResultImage,
    );
  }
  if (images.length === 0)
    throw providerFailure(provider, 'the result carried no image. Try again, or another model.', { body });
  const timings = (output.timings ?? {}) as Record<string, unknown>;
  return {
    images,
    seed: typeof output.seed === 'number' ? output.seed : undefined,
    latencyMs: typeof timings.inference === 'number' ? Math.round(timings.inference * 1000) : undefined,
    raw: output,
  };
}
