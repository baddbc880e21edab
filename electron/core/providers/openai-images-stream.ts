// GPT image streaming: with `stream: true` and `partial_images` 1-3 the images endpoints answer server-sent events,
// partial images first, the final image last (openai/openai-node examples/image-stream.ts; the event types
// ImageGenPartialImageEvent / ImageGenCompletedEvent and ImageEditPartialImageEvent / ImageEditCompletedEvent of
// src/resources/images.ts: `type`, `b64_json`, `partial_image_index`, `output_format`, `created_at`, and `usage` on
// the completed event). Partials go to the caller's hook as they arrive; only completed images become the result.
import { partialImages } from '../../../shared/gpt-image';
import type { HttpClient, HttpRequest } from '../http/client';
import { providerFailure, streamCutFailure } from '../http/error-body';
import type { ServerSentEvent } from '../http/sse';
import type { ImageRequest, ImageResult, ResultImage, SubmitHooks } from './types';
import { costFromUsage } from './usage-cost';

/** How many previews the job asked for (`partial_images` in its params); 0 when none. */
export function partialImagesAsked(request: ImageRequest): number {
  const asked = request.extra?.partial_images;
  return typeof asked === 'number' && asked > partialImages.min ? Math.min(asked, partialImages.max) : 0;
}

/**
 * The request as sent: `stream: true` beside the asked previews, or neither when none were asked. `stream` follows
 * `partial_images` alone, so a job never streams an answer the engine does not read as a stream.
 */
export function asSent(request: ImageRequest): ImageRequest {
  if (request.extra?.partial_images === undefined && request.extra?.stream === undefined) return request;
  const { partial_images: _partials, stream: _stream, ...extra } = request.extra;
  const partials = partialImagesAsked(request);
  return { ...request, extra: partials > 0 ? { ...extra, stream: true, partial_images: partials } : extra };
}

const mimeOf: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

interface StreamEventData {
  type?: unknown;
  b64_json?: unknown;
  partial_image_index?: unknown;
  output_format?: unknown;
  created_at?: unknown;
  usage?: unknown;
  error?: unknown;
  message?: unknown;
}

/**
 * Sends `request` (asking to stream) and reads its events. A JSON answer (a router that ignores `stream`) is read by
 * `readJson`. An `error` event, or data carrying `error`, fails the job as openai-node's Stream throws it
 * (src/core/streaming.ts); a stream that ends without a completed image is a stream_cut failure, not re-sent.
 */
export async function streamImages(options: {
  http: HttpClient;
  request: HttpRequest;
  partials: number;
  hooks?: SubmitHooks;
  /** Prices `usage` where the service bills at OpenAI's token prices. */
  pricedModel?: string;
  readJson: (body: unknown) => ImageResult;
}): Promise<ImageResult> {
  const { http, partials, hooks } = options;
  const completed: Array<Record<string, unknown>> = [];
  const onEvent = (sse: ServerSentEvent) => {
    if (sse.data.startsWith('[DONE]')) return;
    const data = parseData(http.provider, sse.data);
    const type = typeof data.type === 'string' ? data.type : (sse.event ?? '');
    if (sse.event === 'error' || type === 'error' || data.error) throw providerFailure(http.provider, errorText(data));
    const b64 = typeof data.b64_json === 'string' && data.b64_json ? data.b64_json : null;
    if (type.endsWith('.partial_image') && b64) {
      const index = typeof data.partial_image_index === 'number' ? data.partial_image_index : 0;
      const contentType = mimeOf[String(data.output_format)] ?? 'image/png';
      hooks?.onPartial?.({ b64, index, of: partials, contentType });
    } else if (type.endsWith('.completed') && b64) completed.push(data as Record<string, unknown>);
  };
  const answer = await http.eventStream(options.request, onEvent);
  if (answer.body.kind === 'json') return options.readJson(answer.body.body);
  if (completed.length === 0) throw streamCutFailure(http.provider, answer.body.count);
  const images: ResultImage[] = completed.map((event) => ({
    b64: event.b64_json as string,
    contentType: mimeOf[String(event.output_format)],
  }));
  const costs = completed.map((event) =>
    options.pricedModel ? costFromUsage(options.pricedModel, event.usage) : undefined,
  );
  const created = completed.find((event) => typeof event.created_at === 'number')?.created_at as number | undefined;
  return {
    images,
    costUsd: costs.every((cost) => cost !== undefined) ? costs.reduce((sum, cost) => sum + cost, 0) : undefined,
    createdAt: created === undefined ? undefined : created * 1000,
    // The record keeps what the stream said, minus the image data (stored in the library).
    raw: {
      streamed: true,
      events: answer.body.count,
      completed: completed.map(({ b64_json, ...event }) => ({
        ...event,
        b64_json: `<${String(b64_json).length} base64 characters>`,
      })),
    },
  };
}

function parseData(provider: string, data: string): StreamEventData {
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed && typeof parsed === 'object' ? (parsed as StreamEventData) : {};
  } catch {
    throw providerFailure(
      provider,
      'an event of its stream was not JSON. It was not sent again, as that may charge twice.',
    );
  }
}

function errorText(data: StreamEventData): string {
  const error = data.error && typeof data.error === 'object' ? (data.error as Record<string, unknown>) : {};
  const message =
    typeof error.message === 'string' ? error.message : typeof data.message === 'string' ? data.message : '';
  return message || 'the stream reported an error.';
}
