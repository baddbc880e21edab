// Each protocol retries as its official client does, against the fake server: a paid request is never sent
// again where the client would not (fal submit on a 500, a Replicate create on a 5xx, a fal user time-out).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { startFakeProvider, type FakeProvider, type Fault, type RouteName } from '../fake-provider';
import { adapterFor, recordedSleep, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey, falSteps: { queued: 0, inProgress: 0 }, replicateSteps: 1 });
});
afterAll(() => fake.close());

const fal = 'fal-ai/flux-1/dev';
const kontext = 'black-forest-labs/flux-kontext-max';

async function calls(route: RouteName, run: () => Promise<unknown>): Promise<{ count: number; error: unknown }> {
  const since = fake.requests.length;
  const error = await run().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  return { count: fake.requests.slice(since).filter((request) => request.route === route).length, error };
}

const status = (code: number, headers?: Record<string, string>): Fault => ({ kind: 'status', status: code, headers });

describe('fal retries (fal-js)', () => {
  it('sends a submit once on a 500: fal-js retries queue calls on 429/502/503/504 only', async () => {
    fake.fault('fal.submit', status(500));
    const adapter = adapterFor(fake.baseUrl, 'fal', fal);
    const { count, error } = await calls('fal.submit', () => adapter.submit({ model: fal, prompt: 'x' }));
    expect(error).toBeInstanceOf(AppError);
    expect(count).toBe(1);
  });

  it('retries a submit after a 503', async () => {
    fake.fault('fal.submit', status(503));
    const log = recordedSleep();
    const adapter = adapterFor(fake.baseUrl, 'fal', fal, { sleep: log.sleep });
    const { count, error } = await calls('fal.submit', () => adapter.submit({ model: fal, prompt: 'x' }));
    expect(error).toBeNull();
    expect(count).toBe(2);
    expect(log.delays[0]).toBeGreaterThanOrEqual(750);
  });

  it('never re-sends a 504 marked x-fal-request-timeout-type: user', async () => {
    fake.fault('fal.submit', status(504, { 'x-fal-request-timeout-type': 'user' }));
    const adapter = adapterFor(fake.baseUrl, 'fal', fal);
    const { count } = await calls('fal.submit', () => adapter.submit({ model: fal, prompt: 'x' }));
    expect(count).toBe(1);
  });

  it('retries a status call on a 500, three times at most', async () => {
    const adapter = adapterFor(fake.baseUrl, 'fal', fal);
    const outcome = await adapter.submit({ model: fal, prompt: 'x' });
    if (outcome.kind !== 'pending') throw new Error('expected a ticket');
    fake.fault('fal.status', ...Array<Fault>(5).fill(status(500)));
    const { count, error } = await calls('fal.status', () => adapter.poll(outcome.remote));
    expect(error).toBeInstanceOf(AppError);
    expect(count).toBe(4);
  });
});

describe('Replicate retries (replicate-javascript)', () => {
  it('sends a create once on a 502 or a 504: a second create is a second billed prediction', async () => {
    for (const code of [500, 502, 504]) {
      fake.fault('replicate.create', status(code));
      const adapter = adapterFor(fake.baseUrl, 'replicate', kontext);
      const { count, error } = await calls('replicate.create', () => adapter.submit({ model: kontext, prompt: 'x' }));
      expect(error).toBeInstanceOf(AppError);
      expect(count).toBe(1);
    }
  });

  it('retries a create on a 429, after the Retry-After it asked for', async () => {
    fake.fault('replicate.create', { kind: 'rate-limit', retryAfterSeconds: 3 });
    const log = recordedSleep();
    const adapter = adapterFor(fake.baseUrl, 'replicate', kontext, { sleep: log.sleep });
    const { count, error } = await calls('replicate.create', () => adapter.submit({ model: kontext, prompt: 'x' }));
    expect(error).toBeNull();
    expect(count).toBe(2);
    expect(log.delays).toEqual([3000]);
  });

  it('retries a GET on a 5xx', async () => {
    const adapter = adapterFor(fake.baseUrl, 'replicate', kontext);
    const created = await adapter.submit({ model: kontext, prompt: 'x' });
    if (created.kind !== 'pending') throw new Error('expected a running prediction');
    fake.fault('replicate.get', status(502), status(503));
    const { count, error } = await calls('replicate.get', () => adapter.poll(created.remote));
    expect(error).toBeNull();
    expect(count).toBe(3);
  });

  it('sends a cancel once on a 500', async () => {
    const adapter = adapterFor(fake.baseUrl, 'replicate', kontext);
    const created = await adapter.submit({ model: kontext, prompt: 'x' });
    if (created.kind !== 'pending') throw new Error('expected a running prediction');
    fake.fault('replicate.cancel', status(500));
    const { count } = await calls('replicate.cancel', () => adapter.cancel(created.remote));
    expect(count).toBe(1);
  });
});
