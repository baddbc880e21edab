// The retry policy of the official SDKs (openai-node, and the same rules fal-js / replicate-js follow):
// retry 408, 409, 429, ≥500 and connection errors; let the server override with `x-should-retry`;
// honour `retry-after-ms`, then `retry-after` (seconds or an HTTP date) when it asks for 0–60 s;
// otherwise back off 0.5 s × 2^n, capped at 8 s, minus up to 25 % jitter.

export const defaultMaxRetries = 2;
const initialDelayMs = 500;
const maxDelayMs = 8_000;
const maxServerDelayMs = 60_000;

export function shouldRetryStatus(status: number, headers: Headers): boolean {
  const override = headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

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

/** Delay before retry number `attempt` (0 for the first retry). */
export function retryDelayMs(attempt: number, headers: Headers | undefined, now: number, random: () => number): number {
  const requested = serverRequestedDelayMs(headers, now);
  if (requested !== null) return requested;
  const base = Math.min(initialDelayMs * 2 ** attempt, maxDelayMs);
  return base * (1 - random() * 0.25);
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
