// The fal queue end to end against the fake: queued → in progress → completed, relay re-basing,
// fal's own Key auth, cancel, failures, and the fault matrix on polling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { falAppPath, rebaseOnto } from '../../electron/core/providers/fal-queue';
import type { PollOutcome, ProviderAdapter, RemoteRef } from '../../electron/core/providers/types';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey, falSteps: { queued: 1, inProgress: 1 } });
});
afterAll(() => fake.close());

async function pollUntilSettled(adapter: ProviderAdapter, remote: RemoteRef): Promise<{ outcomes: PollOutcome[] }> {
  const outcomes: PollOutcome[] = [];
  for (let i = 0; i < 10; i++) {
    const outcome = await adapter.poll(remote);
    outcomes.push(outcome);
    if (outcome.kind !== 'pending') break;
  }
  return { outcomes };
}

async function submitted(adapter: ProviderAdapter, model = 'fal-ai/flux-1/dev'): Promise<RemoteRef> {
  const outcome = await adapter.submit({ model, prompt: 'a tiger eye', n: 2, size: '96x64', seed: 7 });
  if (outcome.kind !== 'pending') throw new Error('expected a queue ticket');
  return outcome.remote;
}

describe('fal queue', () => {
  it('uses owner/app only for status, result and cancel URLs', () => {
    expect(falAppPath('fal-ai/flux-1/dev')).toBe('fal-ai/flux-1');
    expect(falAppPath('fal-ai/flux-pro/v1/fill')).toBe('fal-ai/flux-pro');
  });

  it('re-bases an upstream ticket URL onto the relay, keeping path and query', () => {
    expect(
      rebaseOnto('https://api.quickrouter.ai/', 'https://queue.fal.run/fal-ai/flux-1/requests/abc/status?logs=1'),
    ).toBe('https://api.quickrouter.ai/fal-ai/flux-1/requests/abc/status?logs=1');
  });

  it('walks IN_QUEUE → IN_PROGRESS (logs) → COMPLETED and fetches the result through the relay', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'fal-ai/flux-1/dev');
    const remote = await submitted(adapter);
    expect(remote.id).toMatch(/^[0-9a-f-]{36}$/);
    const { outcomes } = await pollUntilSettled(adapter, remote);
    expect(outcomes.map((outcome) => (outcome.kind === 'pending' ? outcome.progress.status : outcome.kind))).toEqual([
      'IN_QUEUE',
      'IN_PROGRESS',
      'done',
    ]);
    const running = outcomes[1]!;
    expect(running.kind === 'pending' && running.progress.logs).toEqual(['step 1 of 1']);
    const done = outcomes[2]!;
    if (done.kind !== 'done') throw new Error('expected a result');
    expect(done.result.images).toHaveLength(2);
    expect(done.result.images[0]).toMatchObject({ width: 96, height: 64, contentType: 'image/jpeg' });
    expect(done.result.seed).toBe(7);
    const statusCalls = fake.requests.filter(
      (request) => request.route === 'fal.status' && request.path.includes(remote.id),
    );
    expect(
      statusCalls.every(
        (request) => request.path === `/fal-ai/flux-1/requests/${remote.id}/status` && request.query.logs === '1',
      ),
    ).toBe(true);
    expect(
      fake.requests.some(
        (request) => request.route === 'fal.result' && request.path === `/fal-ai/flux-1/requests/${remote.id}`,
      ),
    ).toBe(true);
  });

  it("sends fal's own `Key` scheme to fal directly and follows its ticket URLs as given", async () => {
    const adapter = adapterFor(fake.baseUrl, 'fal', 'fal-ai/flux-1/dev');
    const remote = await submitted(adapter);
    const submit = fake.requests.findLast((request) => request.route === 'fal.submit')!;
    expect(submit.headers.authorization).toBe(`Key ${testKey}`);
    expect(remote.statusUrl).toBe(`${fake.baseUrl}/fal-ai/flux-1/requests/${remote.id}/status`);
    const { outcomes } = await pollUntilSettled(adapter, remote);
    expect(outcomes.at(-1)!.kind).toBe('done');
  });

  it('cancels with PUT …/cancel and then reports the request as cancelled (unsure: COMPLETED + error)', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'fal-ai/flux-1/dev');
    const remote = await submitted(adapter);
    await adapter.cancel(remote);
    const cancel = fake.requests.findLast((request) => request.route === 'fal.cancel')!;
    expect([cancel.method, cancel.path]).toEqual(['PUT', `/fal-ai/flux-1/requests/${remote.id}/cancel`]);
    expect((await adapter.poll(remote)).kind).toBe('cancelled');
  });

  it('cancelling a finished request is not an error (ALREADY_COMPLETED)', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'fal-ai/flux-1/dev');
    const remote = await submitted(adapter);
    await pollUntilSettled(adapter, remote);
    await expect(adapter.cancel(remote)).resolves.toBeUndefined();
  });

  it("a failed app ends in provider_failed with fal's message", async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'fal-ai/flux-1/dev', { label: 'QuickRouter' });
    const remote = await submitted(adapter);
    fake.fault('fal.status', { kind: 'job-failed', message: 'CUDA out of memory' });
    const error = await adapter.poll(remote).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('provider_failed');
    expect((error as AppError).message).toBe('QuickRouter could not make the image: CUDA out of memory');
  });

  it('reads a cancel from error_type, not from the words: a failure that mentions cancelling is a failure', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'fal-ai/flux-1/dev', { label: 'QuickRouter' });
    const remote = await submitted(adapter);
    fake.fault('fal.status', { kind: 'job-failed', message: 'Upscaler cancelled: input too large' });
    const error = await adapter.poll(remote).catch((thrown: unknown) => thrown);
    expect((error as AppError).code).toBe('provider_failed');
    expect((error as AppError).message).toContain('Upscaler cancelled: input too large');
  });

  it('polling survives a 503 and a reset (retried), and a 422 detail list reads as plain words', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'fal-ai/flux-1/dev', { label: 'QuickRouter' });
    const remote = await submitted(adapter);
    fake.fault('fal.status', { kind: 'status', status: 503 }, { kind: 'reset' });
    expect((await adapter.poll(remote)).kind).toBe('pending');
    fake.fault('fal.submit', { kind: 'status', status: 422, message: 'ensure this value is less than or equal to 4' });
    const error = (await adapter
      .submit({ model: 'fal-ai/flux-1/dev', prompt: 'x', n: 9 })
      .catch((thrown: unknown) => thrown)) as AppError;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('prompt: ensure this value is less than or equal to 4');
  });

  it('an unknown fal-ai model id still goes through the queue with generic parameters', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'fal-ai/flux-pro/v1/fill');
    expect(adapter.protocol).toBe('fal-queue');
    const remote = await submitted(adapter, 'fal-ai/flux-pro/v1/fill');
    expect(remote.statusUrl).toContain('/fal-ai/flux-pro/requests/');
  });
});
