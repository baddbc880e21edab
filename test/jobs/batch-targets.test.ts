// Several models at once, each with its own parameters (issue 14, point 1), through the core: a target's own options
// replace the request's shared ones, every problem of every target is reported with its model, and nothing is
// written while one is refused. Retry of a cancelled job and Remove of a finished one (point 4) too.
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job, JobRequest } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;

beforeEach(async () => {
  fake = await startFakeProvider({ key: jobKey, falSteps: { queued: 1, inProgress: 1 } });
  core = await openCore(tempLibrary());
  await addProviders(core, fake.baseUrl);
});
afterEach(async () => {
  await core.close();
  await fake.close();
});

const local = { providerId: 'local', model: 'local/pattern' };
const dalle3 = { providerId: 'qr', model: 'dall-e-3' };

async function create(request: JobRequest) {
  return core.invoke('jobs.create', request);
}

describe('a batch whose targets take different parameters', () => {
  it('sends each target with its own options over the shared ones', async () => {
    const answer = await create({
      prompt: 'a fox in two hands',
      seed: 5,
      targets: [
        { ...local, n: 2, size: '32x32' },
        { ...dalle3, size: '1792x1024', quality: 'hd' },
      ],
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const jobs = await Promise.all((answer.value as { jobs: Job[] }).jobs.map((job) => core.jobs.waitFor(job.id)));
    expect(jobs.map((job) => job.status)).toEqual(['done', 'done']);
    expect(jobs[0]!.params).toMatchObject({ n: 2, size: '32x32', seed: 5 });
    expect(jobs[0]!.imageIds).toHaveLength(2);
    expect(jobs[1]!.params).toMatchObject({ size: '1792x1024', quality: 'hd' });
    expect(jobs[1]!.params.n).toBeUndefined();
    // What dall-e-3 was sent is what its job records.
    const sent = fake.requests.filter((request) => request.path.endsWith('/images/generations')).at(-1)!;
    expect(sent.json).toMatchObject({ model: 'dall-e-3', size: '1792x1024', quality: 'hd' });
  });

  it('lists every problem of every target with its model, and writes nothing', async () => {
    const answer = await create({ prompt: 'a fox', n: 2, quality: 'hd', targets: [local, dalle3] });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid_input');
    const details = answer.error.details as { kind: string; count: number; models: number; problems: unknown[] };
    expect(details).toMatchObject({ kind: 'targets_invalid', count: 2, models: 2 });
    expect(details.problems).toEqual([
      expect.objectContaining({ target: 0, model: 'local/pattern', field: 'quality' }),
      expect.objectContaining({ target: 1, model: 'dall-e-3', field: 'n' }),
    ]);
    // In full: no "(and 1 more problem)" left unsaid.
    expect(answer.error.message).toContain('local/pattern (local)');
    expect(answer.error.message).toContain('dall-e-3 (qr)');
    expect(answer.error.message).not.toContain('more problem');
    expect(core.jobs.list()).toEqual([]);
  });

  it('a target naming a provider that is gone is its own problem beside the others', async () => {
    const answer = await create({
      prompt: 'a fox',
      targets: [
        { providerId: 'gone', model: 'x' },
        { ...dalle3, n: 3 },
      ],
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    const problems = (answer.error.details as { problems: Array<{ target: number; model: string }> }).problems;
    expect(problems.map((problem) => [problem.target, problem.model])).toEqual([
      [0, 'x'],
      [1, 'dall-e-3'],
    ]);
  });

  it('a single target keeps its first problem as the kind, and lists the rest', async () => {
    const answer = await create({ prompt: 'a fox', n: 3, size: '640x640', quality: 'low', targets: [dalle3] });
    if (answer.ok) throw new Error('accepted');
    const details = answer.error.details as { kind: string; problems: unknown[] };
    expect(details.kind).toBe('count_out_of_range');
    expect(details.problems).toHaveLength(3);
  });
});

describe('retry and remove', () => {
  it('a cancelled job can be retried, and a finished job removed without its images', async () => {
    const answer = await create({ prompt: 'slow fox', targets: [{ providerId: 'fal', model: 'fal-ai/flux/dev' }] });
    if (!answer.ok) throw new Error(answer.error.message);
    const id = (answer.value as { jobs: Job[] }).jobs[0]!.id;
    const cancelled = await core.invoke('jobs.cancel', { id });
    expect(cancelled.ok && (cancelled.value as Job).status).toBe('cancelled');

    const retried = await core.invoke('jobs.retry', { id });
    if (!retried.ok) throw new Error(retried.error.message);
    const done = await core.jobs.waitFor(id);
    expect(done.status).toBe('done');
    expect(done.imageIds.length).toBeGreaterThan(0);

    const removed = await core.invoke('jobs.remove', { id });
    expect(removed).toEqual({ ok: true, value: { id } });
    expect(core.jobs.list().map((job) => job.id)).not.toContain(id);
    // Its images stay in the library, their files on disk.
    const image = core.library.get(done.imageIds[0]!);
    expect(readdirSync(image.path.replace(/[/\\][^/\\]+$/, ''))).not.toHaveLength(0);
  });

  it('a job on its way cannot be removed', async () => {
    const answer = await create({ prompt: 'slow fox', targets: [{ providerId: 'fal', model: 'fal-ai/flux/dev' }] });
    if (!answer.ok) throw new Error(answer.error.message);
    const id = (answer.value as { jobs: Job[] }).jobs[0]!.id;
    const removed = await core.invoke('jobs.remove', { id });
    expect(removed.ok).toBe(false);
    if (!removed.ok) expect(removed.error.details).toMatchObject({ kind: 'job_not_removable' });
    await core.invoke('jobs.cancel', { id });
  });
});
