// Each protocol's retry rule, checked directly against its official client's: what is retried, and how long each wait is.
import { describe, expect, it } from 'vitest';
import {
  falQueueRetry,
  falStatusRetry,
  openAiRetry,
  replicateRetry,
  serverRequestedDelayMs,
  type HttpMethod,
  type RetryPolicy,
} from './retry-policy';

const headers = (entries: Record<string, string> = {}) => new Headers(entries);
const now = Date.parse('2026-11-21T12:00:00Z');
const statuses = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504];
const retried = (policy: RetryPolicy, method: HttpMethod, extra: Record<string, string> = {}) =>
  statuses.filter((status) => policy.retryStatus(status, headers(extra), method));

describe('OpenAI-compatible retry policy (openai-node)', () => {
  it('retries 408, 409, 429 and 5xx but not 400, 401, 403, 404 or 422', () => {
    expect(retried(openAiRetry, 'POST')).toEqual([408, 409, 429, 500, 502, 503, 504]);
    expect(openAiRetry.retryConnection('POST')).toBe(true);
    expect(openAiRetry.maxRetries).toBe(2);
  });

  it('lets x-should-retry override the status', () => {
    expect(openAiRetry.retryStatus(400, headers({ 'x-should-retry': 'true' }), 'POST')).toBe(true);
    expect(openAiRetry.retryStatus(503, headers({ 'x-should-retry': 'false' }), 'POST')).toBe(false);
  });

  it('honours retry-after-ms before retry-after', () => {
    expect(serverRequestedDelayMs(headers({ 'retry-after-ms': '250', 'retry-after': '5' }), now)).toBe(250);
  });

  it('reads retry-after as seconds or as an HTTP date', () => {
    expect(serverRequestedDelayMs(headers({ 'retry-after': '3' }), now)).toBe(3000);
    const date = new Date(now + 7000).toUTCString();
    expect(serverRequestedDelayMs(headers({ 'retry-after': date }), now)).toBe(7000);
  });

  it('ignores a server delay of 60 s or more and falls back to back-off', () => {
    expect(serverRequestedDelayMs(headers({ 'retry-after': '120' }), now)).toBeNull();
    expect(openAiRetry.delayMs(0, headers({ 'retry-after': '120' }), now, () => 0)).toBe(500);
  });

  it('backs off 0.5 s × 2^n, capped at 8 s, with up to 25 % jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => openAiRetry.delayMs(n, undefined, now, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(openAiRetry.delayMs(1, undefined, now, () => 1)).toBe(750);
  });
});

describe('fal retry policies (fal-js)', () => {
  it('queue calls, submit included, retry 429, 502, 503 and 504 only, and no connection error of a submit', () => {
    expect(retried(falQueueRetry, 'POST')).toEqual([429, 502, 503, 504]);
    expect(falQueueRetry.retryConnection('POST')).toBe(false);
    expect(falQueueRetry.maxRetries).toBe(3);
  });

  it('status calls also retry a 500', () => {
    expect(retried(falStatusRetry, 'GET')).toEqual([429, 500, 502, 503, 504]);
  });

  it('never retries a 504 that is the user’s own request time-out', () => {
    const user = { 'x-fal-request-timeout-type': 'user' };
    expect(retried(falQueueRetry, 'POST', user)).toEqual([429, 502, 503]);
    expect(retried(falStatusRetry, 'GET', user)).toEqual([429, 500, 502, 503]);
  });

  it('ignores openai-node’s x-should-retry', () => {
    expect(falQueueRetry.retryStatus(500, headers({ 'x-should-retry': 'true' }), 'POST')).toBe(false);
  });

  it('backs off 1 s × 2^n, capped at 60 s, ±25 %', () => {
    expect([0, 1, 2, 6, 7].map((n) => falQueueRetry.delayMs(n, undefined, now, () => 0.5))).toEqual([
      1000, 2000, 4000, 60_000, 60_000,
    ]);
    expect(falQueueRetry.delayMs(0, undefined, now, () => 0)).toBe(750);
    expect(falQueueRetry.delayMs(0, undefined, now, () => 1)).toBe(1250);
  });
});

describe('Replicate retry policy (replicate-javascript)', () => {
  it('a GET retries 429 and 5xx', () => {
    expect(retried(replicateRetry, 'GET')).toEqual([429, 500, 502, 503, 504]);
    expect(replicateRetry.retryConnection('GET')).toBe(true);
  });

  it('a POST (create, cancel) retries a 429 only: a 5xx or a gateway time-out is never sent again', () => {
    expect(retried(replicateRetry, 'POST')).toEqual([429]);
    expect(replicateRetry.retryConnection('POST')).toBe(false);
  });

  it('honours Retry-After, else 0.5 s × 2^n plus up to 100 ms', () => {
    expect(replicateRetry.delayMs(0, headers({ 'retry-after': '4' }), now, () => 0)).toBe(4000);
    expect([0, 1, 2].map((n) => replicateRetry.delayMs(n, undefined, now, () => 0))).toEqual([500, 1000, 2000]);
    expect(replicateRetry.delayMs(0, undefined, now, () => 1)).toBe(600);
    expect(replicateRetry.maxRetries).toBe(5);
  });
});
