// One retry policy per protocol, each exactly its official client's rule. A request names its policy; the
// HttpClient is the one place that retries, and the job runner's poll loop relies on it instead of its own.
// Re-sending a generation can bill it twice, so a policy only retries what its client retries.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RetryPolicy {
  /** For tests and logs: which client's rule this is. */
  readonly name: string;
  readonly maxRetries: number;
  /** Whether a refused answer (a non-2xx status) is tried again. */
  retryStatus(status: number, headers: Headers, method: HttpMethod): boolean;
  /** Whether a connection error or our own time-out is tried again. */
  retryConnection(method: HttpMethod): boolean;
  /** Delay before retry number `attempt` (0 for the first retry). */
  delayMs(attempt: number, headers: Headers | undefined, now: number, random: () => number): number;
}

const maxServerDelayMs = 60_000;

/**
 * OpenAI-compatible APIs, as openai-node (openai/openai-node src/client.ts, shouldRetry and
 * calculateDefaultRetryTimeoutMillis): 2 retries; 408, 409, 429, ≥500 and connection errors/time-outs;
 * `x-should-retry` overrides; `retry-after-ms`, then `retry-after` when 0–60 s; else 0.5 s × 2^n ≤ 8 s, −25 % jitter.
 */
export const openAiRetry: RetryPolicy = {
  name: 'openai',
  maxRetries: 2,
  retryStatus(status, headers) {
    const override = headers.get('x-should-retry');
    if (override === 'true') return true;
    if (override === 'false') return false;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  },
  retryConnection: () => true,
  delayMs(attempt, headers, now, random) {
    const requested = serverRequestedDelayMs(headers, now);
    if (requested !== null) return requested;
    return Math.min(500 * 2 ** attempt, 8_000) * (1 - random() * 0.25);
  },
};

/** fal-js's back-off (fal-ai/fal-js libs/client/src/retry.ts calculateBackoffDelay): 1 s × 2^n, ≤ 60 s, ±25 %. */
function falDelayMs(attempt: number, _headers: Headers | undefined, _now: number, random: () => number): number {
  const base = Math.min(1000 * 2 ** attempt, 60_000);
  return Math.max(0, base + 0.25 * base * (random() * 2 - 1));
}

/** A 504 that is the user's own `X-Fal-Request-Timeout` running out: trying again cannot help, and bills again. */
function isFalUserTimeout(status: number, headers: Headers): boolean {
  return status === 504 && headers.get('x-fal-request-timeout-type') === 'user';
}

/**
 * fal queue calls, submit included (fal-ai/fal-js libs/client/src/retry.ts DEFAULT_RETRYABLE_STATUS_CODES
 * and libs/client/src/queue.ts): 3 retries on 429/502/503/504 only; never a user time-out. fal-js retries
 * only ApiErrors (a status), not a connection error: a submit that may have arrived is not sent again.
 */
export const falQueueRetry: RetryPolicy = {
  name: 'fal-queue',
  maxRetries: 3,
  retryStatus: (status, headers) => [429, 502, 503, 504].includes(status) && !isFalUserTimeout(status, headers),
  retryConnection: (method) => method === 'GET',
  delayMs: falDelayMs,
};

/** fal status polls (fal-ai/fal-js libs/client/src/queue.ts, status calls add 500 to the retryable codes). */
export const falStatusRetry: RetryPolicy = {
  ...falQueueRetry,
  name: 'fal-status',
  retryStatus: (status, headers) => status === 500 || falQueueRetry.retryStatus(status, headers, 'GET'),
};

/**
 * Replicate, as replicate-javascript (replicate/replicate-javascript index.js request() and lib/util.js
 * withAutomaticRetries): a GET on 429 or 5xx, anything else (create, cancel) on 429 only; 5 retries,
 * `Retry-After` honoured, else 0.5 s × 2^n plus up to 100 ms jitter. A create re-sent after a 5xx or a gateway
 * time-out during `Prefer: wait` would be a second billed prediction.
 */
export const replicateRetry: RetryPolicy = {
  name: 'replicate',
  maxRetries: 5,
  retryStatus: (status, _headers, method) => status === 429 || (method === 'GET' && status >= 500),
  retryConnection: (method) => method === 'GET',
  delayMs(attempt, headers, now, random) {
    const requested = serverRequestedDelayMs(headers, now);
    if (requested !== null) return requested;
    return 500 * 2 ** attempt + random() * 100;
  },
};

/** The delay the server asked for, in ms, or null when it asked for nothing usable. */
export function serverRequestedDelayMs(headers: Headers | undefined, now: number): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0 && value < maxServerDelayMs) return value;
  }
  const after = headers.get('retry-after');
  if (after !== null) {
    const seconds = Number.parseFloat(after);
    const value = Number.isFinite(seconds) && /^\s*[\d.]+\s*$/.test(after) ? seconds * 1000 : Date.parse(after) - now;
    if (Number.isFinite(value) && value >= 0 && value < maxServerDelayMs) return value;
  }
  return null;
}

/** Sleep that wakes early (rejecting) when the signal aborts, so a cancel never waits out a back-off. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
