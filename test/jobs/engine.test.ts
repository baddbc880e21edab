// The job engine against the fake server and the local provider: states, storage in the library,
// remote ids, fan-out, cancel (remote too), failures with reasons, and per-provider concurrency.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Job, jobSchema } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, statusTrail, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;

beforeEach(async () => {
  fake = await startFakeProvider({ key: jobKey, falSteps: { queued: 2, inProgress: 1 }, replicateSteps: 1 });
  core = await openCore(tempLibrary());
  await addProviders(core, fake.baseUrl);
});
afterEach(async () => {
  await core.close();
  await fake.close();
});

async function createJobs(payload: Record<string, unknown>): Promise<{ batchId: string; jobs: Job[] }> {
  const answer = await core.invoke('jobs.create', payload);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value as { batchId: string; jobs: Job[] };
}

describe('job engine', () => {
  it('a local job goes queued → submitted → downloading → done and its images land in the library', async () => {
    const trail = statusTrail(core);
    const { jobs } = await createJobs({
      targets: [{ providerId: 'local', model: 'local/pattern' }],
      prompt: 'a red fox',
      n: 2,
      size: '64x48',
      seed: 5,
    });
    const done = await core.jobs.waitFor(jobs[0]!.id);
    expect(done.status).toBe('done');
    expect(trail.get(done.id)).toEqual(['queued', 'submitted', 'downloading', 'done']);
    expect(done.imageIds).toHaveLength(2);
    const image = core.library.get(done.imageIds[0]!);
    expect(image).toMatchObject({
      source: 'generated',
      provider: 'local',
      model: 'local/pattern',
      prompt: 'a red fox',
      seed: 5,
      width: 64,
      height: 48,
      jobId: done.id,
      costUsd: 0,
    });
    expect(image.params).toMatchObject({ n: 2, size: '64x48', seed: 5 });
  });

  it("carries a job's times as the contract's ISO dates, alike in its events and when read back", async () => {
    const seen: Job[] = [];
    core.events.subscribe((event, payload) => event === 'jobs.changed' && seen.push(payload as Job));
    const before = new Date().toISOString();
    const { jobs } = await createJobs({ targets: [{ providerId: 'local', model: 'local/pattern' }], prompt: 'times' });
    expect(jobs[0]!.finishedAt).toBeNull();
    const done = await core.jobs.waitFor(jobs[0]!.id);
    for (const job of [jobs[0]!, ...seen, done]) expect(jobSchema.parse(job)).toEqual(job);
    expect(before <= done.createdAt && done.createdAt <= done.updatedAt).toBe(true);
    expect(done.finishedAt).toBe(done.updatedAt);
    expect(seen.filter((job) => job.status !== 'done').every((job) => job.finishedAt === null)).toBe(true);
    expect(await core.invoke('jobs.get', { id: done.id })).toEqual({ ok: true, value: done });
  });

  it('a fal job stores its request id at once, reports queue position and logs, then downloads', async () => {
    const seen: Job[] = [];
    core.events.subscribe((event, payload) => event === 'jobs.changed' && seen.push(payload as Job));
    const { jobs } = await createJobs({
      targets: [{ providerId: 'qr', model: 'fal-ai/flux-1/dev' }],
      prompt: 'a tiger eye',
      size: '80x60',
    });
    const done = await core.jobs.waitFor(jobs[0]!.id);
    expect(done.status).toBe('done');
    const running = seen.filter((job) => job.status === 'running');
    expect(running[0]!.remoteId).toMatch(/^[0-9a-f-]{36}$/);
    expect(running.map((job) => job.queuePosition)).toContain(1);
    expect(running.some((job) => job.logs.includes('step 1 of 1'))).toBe(true);
    expect(done.remoteId).toBe(running[0]!.remoteId);
    expect(core.library.get(done.imageIds[0]!)).toMatchObject({
      width: 80,
      height: 60,
      format: 'jpeg',
      model: 'fal-ai/flux-1/dev',
    });
  });

  it('a Replicate job through QuickRouter polls the prediction and stores the string output', async () => {
    const { jobs } = await createJobs({
      targets: [{ providerId: 'qr', model: 'black-forest-labs/flux-kontext-max' }],
      prompt: 'snow',
      aspectRatio: '1:1',
    });
    const done = await core.jobs.waitFor(jobs[0]!.id);
    expect(done).toMatchObject({ status: 'done', protocol: 'replicate', latencyMs: 400 });
    expect(fake.requests.some((request) => request.path === `/replicate/v1/predictions/${done.remoteId}`)).toBe(true);
  });

  it('fans one request out to several provider/model pairs in one batch', async () => {
    const { batchId, jobs } = await createJobs({
      targets: [
        { providerId: 'local', model: 'local/pattern' },
        { providerId: 'ir', model: 'test/test' },
        { providerId: 'qr', model: 'gpt-image-1' },
      ],
      prompt: 'a lighthouse',
    });
    const finished = await Promise.all(jobs.map((job) => core.jobs.waitFor(job.id)));
    expect(finished.map((job) => [job.providerId, job.status, job.imageIds.length])).toEqual([
      ['local', 'done', 1],
      ['ir', 'done', 1],
      ['qr', 'done', 1],
    ]);
    expect(core.jobs.list({ batchId }).map((job) => job.batchId)).toEqual([batchId, batchId, batchId]);
    // ImageRouter reports cost and latency; they are stored with the image.
    expect(core.library.get(finished[1]!.imageIds[0]!)).toMatchObject({ costUsd: 0, provider: 'ir' });
  });

  it('refuses an invalid request before writing any job', async () => {
    const answer = await core.invoke('jobs.create', {
      targets: [
        { providerId: 'local', model: 'local/pattern' },
        { providerId: 'qr', model: 'dall-e-3' },
      ],
      prompt: 'x',
      n: 2,
    });
    // Named by its model, among the batch's problems (test/jobs/batch-targets.test.ts has the rest).
    expect(answer.ok === false && answer.error).toEqual({
      code: 'invalid_input',
      message: expect.stringContaining(
        'dall-e-3 (qr): dall-e-3 makes exactly 1 image(s) per request; you asked for 2.',
      ),
      details: expect.objectContaining({ kind: 'targets_invalid', count: 1, models: 1 }),
    });
    expect(core.jobs.list()).toEqual([]);
  });

  it('an edit sends the input image and mask, and stores the result with its parent', async () => {
    const sharp = (await import('sharp')).default;
    const source = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const mask = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const parent = await core.library.addImage({ bytes: source, source: 'imported' });
    const { jobs } = await createJobs({
      targets: [{ providerId: 'qr', model: 'gpt-image-1' }],
      prompt: 'make it night',
      images: [{ imageId: parent.id }],
      mask: { base64: mask.toString('base64') },
    });
    const done = await core.jobs.waitFor(jobs[0]!.id);
    expect(done).toMatchObject({ status: 'done', kind: 'edit', parentId: parent.id });
    expect(core.library.get(done.imageIds[0]!)).toMatchObject({ source: 'edited', parentId: parent.id });
    const edit = fake.requests.find((request) => request.route === 'openai.edits')!;
    expect(edit.files!.map((file) => file.field)).toEqual(['image', 'mask']);
  });

  it('fails with the reason when the key is refused, and when the result link expired', async () => {
    fake.fault('openai.generations', { kind: 'status', status: 401 });
    const refused = (await createJobs({ targets: [{ providerId: 'qr', model: 'dall-e-3' }], prompt: 'x' })).jobs[0]!;
    expect(await core.jobs.waitFor(refused.id)).toMatchObject({ status: 'failed', error: { code: 'auth_refused' } });
    fake.fault('files', { kind: 'expired' });
    const expired = (await createJobs({ targets: [{ providerId: 'qr', model: 'dall-e-3' }], prompt: 'x' })).jobs[0]!;
    const failed = await core.jobs.waitFor(expired.id);
    expect(failed.status).toBe('failed');
    expect(failed.error!.message).toMatch(/no longer works \(403\)/);
    expect(core.library.list({}).images).toHaveLength(0);
  });

  it('cancel stops a remote job and cancels it at the provider', async () => {
    fake.fault('fal.status', { kind: 'slow', delayMs: 30_000 });
    const { jobs } = await createJobs({ targets: [{ providerId: 'fal', model: 'fal-ai/flux-1/dev' }], prompt: 'x' });
    const id = jobs[0]!.id;
    await new Promise<void>((resolve) => {
      const stop = core.events.subscribe((event, payload) => {
        if (event === 'jobs.changed' && (payload as Job).id === id && (payload as Job).status === 'running') {
          stop();
          resolve();
        }
      });
    });
    const cancelled = await core.jobs.cancel(id);
    expect(cancelled.status).toBe('cancelled');
    const cancel = fake.requests.find((request) => request.route === 'fal.cancel')!;
    expect(cancel.path).toBe(`/fal-ai/flux-1/requests/${cancelled.remoteId}/cancel`);
    expect(cancel.headers.authorization).toBe(`Key ${jobKey}`);
  });

  it('a status poll failing with 500 is tried on one schedule, fal-js’s (1 + 3 calls), not the runner’s own on top', async () => {
    fake.fault('fal.status', ...Array(20).fill({ kind: 'status', status: 500, message: 'status broke' }));
    const { jobs } = await createJobs({ targets: [{ providerId: 'fal', model: 'fal-ai/flux-1/dev' }], prompt: 'x' });
    const failed = await core.jobs.waitFor(jobs[0]!.id);
    expect(failed.status).toBe('failed');
    expect(fake.requests.filter((request) => request.route === 'fal.status')).toHaveLength(4);
  });

  it("runs at most the provider's concurrency limit at once", async () => {
    await core.close();
    core = await openCore(tempLibrary(), { concurrency: () => 2 });
    const inFlight = new Set<string>();
    let most = 0;
    core.events.subscribe((event, payload) => {
      if (event !== 'jobs.changed') return;
      const job = payload as Job;
      // At the provider: sent and not yet answered. Fetching and storing the result no longer holds a slot.
      if (['submitted', 'running'].includes(job.status)) inFlight.add(job.id);
      else inFlight.delete(job.id);
      most = Math.max(most, inFlight.size);
    });
    const { jobs } = await createJobs({
      targets: Array(6).fill({ providerId: 'local', model: 'local/pattern' }),
      prompt: 'x',
      size: '32x32',
    });
    const finished = await Promise.all(jobs.map((job) => core.jobs.waitFor(job.id)));
    expect(finished.map((job) => job.status)).toEqual(Array(6).fill('done'));
    expect(most).toBe(2);
  });

  it('the provider slot is free while a result is fetched and stored: a slow download does not hold up the next job', async () => {
    await core.close();
    core = await openCore(tempLibrary(), { concurrency: () => 1 });
    await addProviders(core, fake.baseUrl);
    const order: string[] = [];
    core.events.subscribe((event, payload) => {
      const job = payload as Job;
      if (event === 'jobs.changed' && (job.status === 'submitted' || job.status === 'done'))
        order.push(`${job.prompt} ${job.status}`);
    });
    fake.fault('files', { kind: 'slow', delayMs: 400 });
    const first = await createJobs({
      targets: [{ providerId: 'qr', model: 'dall-e-2' }],
      prompt: 'first',
      size: '256x256',
    });
    const second = await createJobs({
      targets: [{ providerId: 'qr', model: 'dall-e-2' }],
      prompt: 'second',
      size: '256x256',
    });
    const finished = await Promise.all([...first.jobs, ...second.jobs].map((job) => core.jobs.waitFor(job.id)));
    expect(finished.map((job) => job.status)).toEqual(['done', 'done']);
    // The second job went to the provider while the first one's image was still on its way.
    expect(order.indexOf('second submitted')).toBeLessThan(order.indexOf('first done'));
  });

  it('a cancel written by another process stops the job at its next poll', async () => {
    await core.close();
    core = await openCore(tempLibrary(), {
      pollIntervalMs: 5,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    await addProviders(core, fake.baseUrl);
    await fake.close();
    fake = await startFakeProvider({ key: jobKey, falSteps: { queued: 1_000_000, inProgress: 0 } });
    await core.invoke('providers.update', { id: 'fal', baseUrl: fake.baseUrl });
    const { jobs } = await createJobs({ targets: [{ providerId: 'fal', model: 'fal-ai/flux-1/dev' }], prompt: 'x' });
    const id = jobs[0]!.id;
    while (core.jobs.get(id).status !== 'running') await new Promise((resolve) => setTimeout(resolve, 5));
    core.db.prepare('UPDATE jobs SET cancel_requested = 1 WHERE id = ?').run(id);
    expect((await core.jobs.waitFor(id)).status).toBe('cancelled');
    expect(fake.requests.some((request) => request.route === 'fal.cancel')).toBe(true);
  });
});
