// The only module that touches `window.atelier`. Whether the preload (Electron) or the harness bridge
// (browser) put it there is invisible from here on: both answer envelopes, which become values or ApiErrors.
import type {
  AtelierBridge,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../shared/contract';
import type { MediaVariant } from '../shared/contract/library';
import { type ErrorCode, errorDetails } from '../shared/errors';

/** The core's refusal as the page receives it: the code, the English message, and the details (with a kind). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

function bridge(): AtelierBridge {
  const candidate = (globalThis as { atelier?: AtelierBridge }).atelier;
  if (!candidate) {
    const details = errorDetails('core_not_connected', {});
    throw new ApiError('unavailable', 'The Atelier core is not connected to this window.', details);
  }
  return candidate;
}

export async function invoke<K extends ChannelName>(channel: K, payload: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const envelope = await bridge().invoke(channel, payload);
  if (envelope.ok) return envelope.value as ChannelOutput<K>;
  throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
}

export function on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
  return bridge().on(event, listener as (payload: unknown) => void);
}

/** Images are loaded by id through the app's own origin (app:// or the harness), never by a file path. */
export function mediaUrl(imageId: string, variant: MediaVariant): string {
  return `media/${encodeURIComponent(imageId)}/${variant}`;
}
