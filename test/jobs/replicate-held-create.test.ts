// A Replicate create held by `Prefer: wait` (issue 11, point 4): the user's cancel lets it return and cancels the
// prediction by its id; quitting lets it return too and keeps the id, so the next start polls that prediction
// instead of creating (and paying for) another one.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

const model = 'black-forest-labs/flux-kontext-max';
let fake: FakeProvider | undefined;
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await fake?.close();
});

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 500) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function heldCreate(libraryDir: string) {
  fake = await startFakeProvider({ key: jobKey, replicateSteps: 3, replicateWaitMs: 400 });
  const core = await openCore(libraryDir, { pollIntervalMs: 5 });
  cores.push(core);
  await addProviders(core, fake.baseUrl);
  const { jobs } = await core.jobs.create({ targets: [{ providerId: 'rep', model }], prompt: 'held' });
  await until(() => fake!.requests.some((request) => request.route === 'replicate.create'));
  return { core, id: jobs[0]!.id };
}

const routes = (name: string) => fake!.requests.filter((request) => request.route === name);

describe('a Replicate create held by Prefer: wait', () => {
  it('cancelled by the user: the create returns, and that prediction is cancelled by its id', async () => {
    const { core, id } = await heldCreate(tempLibrary());
    const cancelled = await core.jobs.cancel(id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.remoteId).not.toBeNull();
    expect(routes('replicate.create')).toHaveLength(1);
    await until(() => routes('replicate.cancel').length === 1);
    expect(routes('replicate.cancel')[0]!.path).toContain(cancelled.remoteId!);
  });

  it('on quit: the create returns, its id is kept, and the next start polls it without creating another', async () => {
    const libraryDir = tempLibrary();
    const { core, id } = await heldCreate(libraryDir);
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    expect(routes('replicate.cancel')).toHaveLength(0);

    const next = await openCore(libraryDir, { pollIntervalMs: 5 });
    cores.push(next);
    const kept = next.jobs.get(id);
    expect(kept.status).toBe('running');
    expect(kept.remoteId).not.toBeNull();
    expect(next.jobs.resume()).toEqual([id]);
    const done = await next.jobs.waitFor(id);
    expect(done.status).toBe('done');
    expect(routes('replicate.create')).toHaveLength(1);
  });
});
