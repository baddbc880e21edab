// Shapes shared by the fake provider's modules. No test-runner imports here: Vitest, Playwright and the
// benchmarks all start the same server.

export type RouteName =
  | 'openai.generations'
  | 'openai.edits'
  | 'imagerouter.generations'
  | 'imagerouter.edits'
  | 'imagerouter.models'
  | 'imagerouter.model'
  | 'fal.submit'
  | 'fal.status'
  | 'fal.result'
  | 'fal.cancel'
  | 'replicate.create'
  | 'replicate.createVersion'
  | 'replicate.upload'
  | 'replicate.get'
  | 'replicate.cancel'
  | 'files';

export type Fault =
  /** Any status with the route's own error shape (or the given body) and optional headers. */
  | { kind: 'status'; status: number; message?: string; body?: unknown; headers?: Record<string, string> }
  /** 429 with retry-after (seconds), retry-after-ms, or retry-after as an HTTP date. */
  | { kind: 'rate-limit'; retryAfterSeconds?: number; retryAfterMs?: number; retryAfterDateInMs?: number }
  /** Holds the answer this long before answering normally (past a client's time-out). */
  | { kind: 'slow'; delayMs: number }
  /** Drops the connection without answering. */
  | { kind: 'reset' }
  /** 200 with a body cut off in the middle of its JSON. */
  | { kind: 'malformed-json' }
  /** 200 as server-sent events, as a streaming answer would be, to a request that did not ask to stream. */
  | { kind: 'event-stream' }
  /** A streamed answer whose connection drops after this many events (before its final image). */
  | { kind: 'stream-cut'; afterEvents: number }
  /** files: serves only the first half of the image (with a matching Content-Length). */
  | { kind: 'truncated-image' }
  /** files: answers 403 as an expired signed URL does. */
  | { kind: 'expired' }
  /** ImageRouter's quirk: 200, keep-alive spaces, then {"error":…}. */
  | { kind: 'error-200'; message?: string }
  /** fal.status / replicate.get: the remote job itself failed. */
  | { kind: 'job-failed'; message?: string };

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  route: RouteName | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  json?: unknown;
  /** Multipart text fields; a repeated field keeps every value. */
  fields?: Record<string, string[]>;
  files?: RecordedFile[];
}

export interface FakeProviderOptions {
  /** Loopback port; 0 (the default) picks a free one. */
  port?: number;
  /** When set, every authenticated route requires exactly this key (Bearer or Key scheme). */
  key?: string;
  /** Result URLs stop working after this long (providers: 60 minutes). */
  urlTtlMs?: number;
  /** The clock used for URL expiry; tests move it forward. */
  now?: () => number;
  /** Side of result images when the request names no WIDTHxHEIGHT. */
  defaultImageSide?: number;
  /** Where a relay's fal tickets point (seed 002 shows queue.fal.run); the client must re-base them. */
  falUpstreamOrigin?: string;
  /** Status polls answered IN_QUEUE, then IN_PROGRESS, before COMPLETED. */
  falSteps?: { queued: number; inProgress: number };
  /** What a cancel does to a fal request already running: it completes anyway (the default, as fal may) or stops. */
  falRunningCancel?: 'completes' | 'stops';
  /** Polls answered starting/processing before succeeded; 0 completes within the create (Prefer: wait). */
  replicateSteps?: number;
  /** How long a create with `Prefer: wait` is held before it answers the prediction as it stands (default 0). */
  replicateWaitMs?: number;
  /** Force Replicate's output shape; by default Kontext models answer a string, others an array. */
  replicateOutput?: 'string' | 'array';
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A streamed answer: server-sent events, written one at a time. */
  events?: Array<{ event: string; data: unknown }>;
}
