// The SDKs' retry rules, checked directly: what is retried, and how long each wait is.
import { describe, expect, it } from 'vitest';
import { retryDelayMs, serverRequestedDelayMs, shouldRetryStatus } from './retry-policy';

const headers = (entries: Record<string, string> = {}) => new Headers(entries);
const now = Date.parse('2026-11-21T12:00:00Z');

describe('retry policy', () => {
  it('retries 408, 409, 429 and 5xx but not 400, 401, 403, 404 or 422', () => {
    expect([408, 409, 429, 500, 502, 503, 504].map((status) => shouldRetryStatus(status, headers()))).toEqual(
      Array(7).fill(true),
    );
    expect([400, 401, 403, 404, 422].map((status) => shouldRetryStatus(status, headers()))).toEqual(
      Array(5).fill(false),
    );
  });

  it('lets x-should-retry override the status', () => {
    expect(shouldRetryStatus(400, headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(shouldRetryStatus(503, headers({ 'x-should-retry': 'false' }))).toBe(false);
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
    expect(retryDelayMs(0, headers({ 'retry-after': '120' }), now, () => 0)).toBe(500);
  });

  it('backs off 0.5 s × 2^n, capped at 8 s, with up to 25 % jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, undefined, now, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(retryDelayMs(1, undefined, now, () => 1)).toBe(750);
  });
});
