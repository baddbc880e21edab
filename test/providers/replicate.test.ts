// Replicate predictions end to end: create (Prefer: wait), poll through every status, cancel, output shapes.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from '../fake-provider';
import { adapterFor, testKey } from './helpers';

let fake: FakeProvider | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: FakeProviderOptions = {}) {
  fake = await startFakeProvider({ key: testKey, ...options });
  return fake;
}

const kontext = 'black-forest-labs/flux-kontext-max';

describe('replicate predictions', () => {
  it('polls starting → processing → succeeded and reads a string output (seed 004 shape)', async () => {
    const server = await start({ replicateSteps: 2 });
    const adapter = adapterFor(server.baseUrl, 'replicate', kontext);
    const created = await adapter.submit({ model: kontext, prompt: 'make it snow', seed: 42 });
    if (created.kind !== 'pending') throw new Error('expected a prediction');
    expect(created.progress.status).toBe('starting');
    const first = await adapter.poll(created.remote);
    expect(first.kind === 'pending' && first.progress).toEqual({ status: 'processing', logs: ['step 1'] });
    const second = await adapter.poll(created.remote);
    if (second.kind !== 'done') throw new Error('expected success');
    expect(second.result.images).toEqual([{ url: expect.stringMatching(/\/files\/result-\d+\.png$/) }]);
    expect(second.result.seed).toBe(42);
    expect(second.result.latencyMs).toBe(400);
    // Replicate directly: /v1 paths, Bearer.
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /v1/models/${kontext}/predictions`,
      `GET /v1/predictions/${created.remote.id}`,
      `GET /v1/predictions/${created.remote.id}`,
    ]);
  });

  it('accepts output as an array of URLs', async () => {
    const server = await start({ replicateSteps: 0 });
    const adapter = adapterFor(server.baseUrl, 'replicate', 'black-forest-labs/flux-schnell');
    const outcome = await adapter.submit({ model: 'black-forest-labs/flux-schnell', prompt: 'fast' });
    expect(outcome.kind === 'done' && outcome.result.images.length).toBe(1);
    expect(server.requests[0]!.headers.prefer).toBe('wait');
  });

  it('finishes within the create call when Prefer: wait sees it done', async () => {
    const server = await start({ replicateSteps: 0 });
    const outcome = await adapterFor(server.baseUrl, 'replicate', kontext).submit({ model: kontext, prompt: 'x' });
    expect(outcome.kind).toBe('done');
    expect(server.requests).toHaveLength(1);
  });

  it('cancel posts …/cancel and the next poll says cancelled', async () => {
    const server = await start();
    const adapter = adapterFor(server.baseUrl, 'quickrouter', kontext);
    const created = await adapter.submit({ model: kontext, prompt: 'x' });
    if (created.kind !== 'pending') throw new Error('expected a prediction');
    await adapter.cancel(created.remote);
    expect(server.requests.at(-1)!.path).toBe(`/replicate/v1/predictions/${created.remote.id}/cancel`);
    expect(server.requests.at(-1)!.method).toBe('POST');
    expect((await adapter.poll(created.remote)).kind).toBe('cancelled');
  });

  it("a failed prediction ends in provider_failed with Replicate's error", async () => {
    const server = await start();
    const adapter = adapterFor(server.baseUrl, 'replicate', kontext, { label: 'Replicate' });
    const created = await adapter.submit({ model: kontext, prompt: 'x' });
    if (created.kind !== 'pending') throw new Error('expected a prediction');
    server.fault('replicate.get', { kind: 'job-failed', message: 'NSFW content detected' });
    const error = (await adapter.poll(created.remote).catch((thrown: unknown) => thrown)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe(`Replicate could not make the image: NSFW content detected (${kontext}).`);
  });

  it('reads a throttled {detail} body, after replicate-js’s five retries of a 429', async () => {
    const server = await start();
    server.fault(
      'replicate.create',
      ...Array(6).fill({
        kind: 'status',
        status: 429,
        message: 'Request was throttled. Your rate limit resets in ~1s.',
      }),
    );
    const error = (await adapterFor(server.baseUrl, 'replicate', kontext, { label: 'Replicate' })
      .submit({ model: kontext, prompt: 'x' })
      .catch((thrown: unknown) => thrown)) as AppError;
    expect(error.message).toContain('Request was throttled. Your rate limit resets in ~1s.');
    expect(server.requests).toHaveLength(6);
  });

  it('an abort while Prefer: wait holds the create lets it return, and hands back the prediction by its id', async () => {
    const server = await start({ replicateSteps: 2, replicateWaitMs: 300 });
    const controller = new AbortController();
    const pending = adapterFor(server.baseUrl, 'replicate', kontext).submit(
      { model: kontext, prompt: 'x' },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 50);
    const outcome = await pending;
    // The caller (the job engine) stores the id, then cancels by it or, quitting, leaves it for resume to poll:
    // nothing is left running (and billing) unseen. test/jobs/replicate-held-create.test.ts covers both.
    expect(outcome.kind).toBe('pending');
    const created = server.requests.filter((request) => request.route === 'replicate.create');
    expect(created).toHaveLength(1);
    if (outcome.kind === 'pending') expect(outcome.remote.id).toMatch(/^[0-9a-z]+$/);
  });

  it('sends an input image as a data URI in input_image', async () => {
    const server = await start();
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await adapterFor(server.baseUrl, 'replicate', kontext).submit({
      model: kontext,
      prompt: 'x',
      images: [{ bytes: png, mimeType: 'image/png' }],
    });
    const input = (server.requests[0]!.json as { input: Record<string, string> }).input;
    expect(input.input_image).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });
});
