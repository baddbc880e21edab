// fal's cancel is best effort: a request already running may still end COMPLETED after the cancel was accepted, and
// then it ran and was charged. The runner reads how it ended and keeps what was paid for: the images are stored and
// the job ends done. A request the provider did stop ends cancelled, with nothing stored.
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;
afterEach(async () => {
  await core.close();
  await fake.close();
});

/** A fal job on a request that runs until cancelled, cancelled once the provider has said it is running. */
async function cancelWhileRunning(options: FakeProviderOptions): Promise<Job> {
  fake = await startFakeProvider({ key: jobKey, falSteps: { queued: 0, inProgress: 1_000_000 }, ...options });
  core = await openCore(tempLibrary(), { pollIntervalMs: 5 });
  await addProviders(core, fake.baseUrl);
  const answer = await core.invoke('jobs.create', {
    targets: [{ providerId: 'fal', model: 'fal-ai/flux-1/dev' }],
    prompt: 'x',
  });
  if (!answer.ok) throw new Error(answer.error.message);
  const id = (answer.value as { jobs: Job[] }).jobs[0]!.id;
  while (!fake.requests.some((request) => request.route === 'fal.status'))
    await new Promise((resolve) => setTimeout(resolve, 5));
  await core.jobs.cancel(id);
  return core.jobs.waitFor(id);
}

describe('a cancel the provider could not honour', () => {
  it('keeps the images of a fal request that completed after its cancel was accepted', async () => {
    const job = await cancelWhileRunning({});
    expect(fake.requests.filter((request) => request.route === 'fal.cancel').length).toBeGreaterThan(0);
    expect(job.status).toBe('done');
    const images = core.library.list({}).images;
    expect(images).toHaveLength(1);
    expect(job.imageIds).toEqual([images[0]!.id]);
  });

  it('ends cancelled, with nothing stored, when the provider did stop it', async () => {
    const job = await cancelWhileRunning({ falRunningCancel: 'stops' });
    expect(job.status).toBe('cancelled');
    expect(core.library.list({}).images).toHaveLength(0);
  });
});
