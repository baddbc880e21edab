// The common adapter interface the jobs engine drives, whatever the wire protocol.
// A submit either finishes at once (OpenAI images, local) or hands back a RemoteRef to poll
// (fal request, Replicate prediction). A RemoteRef is plain JSON so the engine can store it the
// moment it arrives and resume polling after a restart.
import type { ProtocolId } from '../../../shared/presets';

export interface InputImage {
  bytes: Buffer;
  /** image/png, image/jpeg or image/webp. */
  mimeType: string;
  filename?: string;
}

export interface ImageRequest {
  model: string;
  prompt: string;
  n?: number;
  /** 'WIDTHxHEIGHT' or 'auto'. */
  size?: string;
  /** One of the 21:9 … 9:21 enum (Flux models on routers). */
  aspectRatio?: string;
  quality?: string;
  outputFormat?: string;
  seed?: number;
  /** What the image should not show; present only for a model that takes one (plan-batch.ts withNegativePrompt). */
  negativePrompt?: string;
  /** Inputs of an edit; the first one is the image the mask applies to. */
  images?: InputImage[];
  /** The editor's mask (painted = edit here); each adapter converts it to its wire format. */
  mask?: InputImage;
  /** Resize a mask of another size to the first image instead of refusing. */
  scaleMask?: boolean;
  /** Other model-specific fields passed to the wire unchanged (style, background, guidance_scale …). */
  extra?: Record<string, unknown>;
}

export interface ResultImage {
  url?: string;
  b64?: string;
  bytes?: Buffer;
  width?: number;
  height?: number;
  contentType?: string;
  /** The seed that made this image, when it is not the result's own (each image of a local batch has one). */
  seed?: number;
}

export interface ImageResult {
  images: ResultImage[];
  costUsd?: number;
  latencyMs?: number;
  seed?: number;
  /** When the provider says the image was made (ms since epoch). */
  createdAt?: number;
  revisedPrompt?: string;
  /** The provider's answer as received, for the job's record. */
  raw: unknown;
}

export interface RemoteRef {
  protocol: ProtocolId;
  id: string;
  model: string;
  /** Ticket URLs (fal), already re-based when the preset asks for it. */
  statusUrl?: string;
  resultUrl?: string;
  cancelUrl?: string;
}

export interface RemoteProgress {
  /** A short word from the provider: IN_QUEUE, IN_PROGRESS, starting, processing … */
  status: string;
  queuePosition?: number;
  logs?: string[];
}

export type SubmitOutcome =
  { kind: 'done'; result: ImageResult } | { kind: 'pending'; remote: RemoteRef; progress: RemoteProgress };

export type PollOutcome =
  { kind: 'pending'; progress: RemoteProgress } | { kind: 'done'; result: ImageResult } | { kind: 'cancelled' };

/** A preview the provider sent before its final image (GPT image streaming); never stored in the library. */
export interface PartialImage {
  b64: string;
  /** 0-based, as `partial_image_index`. */
  index: number;
  /** How many previews the request asked for, so progress can be told. */
  of: number;
  contentType: string;
}

export interface SubmitHooks {
  onPartial?: (partial: PartialImage) => void;
}

export interface ProviderAdapter {
  readonly protocol: ProtocolId;
  submit(request: ImageRequest, signal?: AbortSignal, hooks?: SubmitHooks): Promise<SubmitOutcome>;
  /** Throws AppError('provider_failed') when the remote job failed. */
  poll(remote: RemoteRef, signal?: AbortSignal): Promise<PollOutcome>;
  /** Asks the provider to stop; resolves even when it was already finished. */
  cancel(remote: RemoteRef, signal?: AbortSignal): Promise<void>;
  /** How long to wait between polls, in ms (fal-js and replicate-js poll every 500 ms). */
  readonly pollIntervalMs: number;
}

export interface AdapterContext {
  /** The provider's label for messages. */
  label: string;
  baseUrl: string;
  key: string | null;
}
