// Seeds that mean what they say (issue 14, point 2), against the local provider: a batch of n records the seed
// that made each image, "random" draws a real seed and records it, and a recorded seed makes the same bytes again.
import { readFileSync } from 'node:fs';
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

async function generate(request: Omit<JobRequest, 'targets'>, target = local): Promise<Job> {
  const answer = await core.invoke('jobs.create', { targets: [target], size: '32x32', ...request });
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return core.jobs.waitFor((answer.value as { jobs: Job[] }).jobs[0]!.id);
}

function imagesOf(job: Job) {
  expect(job.status).toBe('done');
  return job.imageIds.map((id) => {
    const image = core.library.get(id);
    return { seed: image.seed, params: image.params, bytes: readFileSync(image.path) };
  });
}

describe('seeds', () => {
  it('each image of a batch of four records the seed that made it', async () => {
    const images = imagesOf(await generate({ prompt: 'four foxes', n: 4, seed: 7 }));
    expect(images.map((image) => image.seed)).toEqual([7, 8, 9, 10]);
    expect(new Set(images.map((image) => image.bytes.toString('base64'))).size).toBe(4);
    // An image's own parameters name its seed too, so reusing them makes that image.
    expect(images.map((image) => image.params?.seed)).toEqual([7, 8, 9, 10]);
  });

  it('"random" draws a real seed, records it on the job and the images, and two runs differ', async () => {
    const first = await generate({ prompt: 'a random fox', n: 2 });
    const second = await generate({ prompt: 'a random fox', n: 2 });
    for (const job of [first, second]) {
      expect(typeof job.params.seed).toBe('number');
      expect(imagesOf(job).map((image) => image.seed)).toEqual([
        job.params.seed,
        (job.params.seed as number) + 1 === 2 ** 32 ? 0 : (job.params.seed as number) + 1,
      ]);
    }
    expect(first.params.seed).not.toBe(second.params.seed);
    expect(imagesOf(first)[0]!.bytes.equals(imagesOf(second)[0]!.bytes)).toBe(false);
  });

  it('a recorded seed reproduces the same bytes, for any image of a batch', async () => {
    const batch = imagesOf(await generate({ prompt: 'the same fox', n: 3 }));
    for (const image of batch) {
      const again = imagesOf(await generate({ prompt: 'the same fox', n: 1, seed: image.seed as number }));
      expect(again[0]!.seed).toBe(image.seed);
      expect(again[0]!.bytes.equals(image.bytes)).toBe(true);
    }
  });

  it('the largest seed wraps round to 0 for the next image, inside the seed range', async () => {
    const images = imagesOf(await generate({ prompt: 'the edge', n: 2, seed: 2 ** 32 - 1 }));
    expect(images.map((image) => image.seed)).toEqual([2 ** 32 - 1, 0]);
    const zero = imagesOf(await generate({ prompt: 'the edge', n: 1, seed: 0 }));
    expect(zero[0]!.bytes.equals(images[1]!.bytes)).toBe(true);
  });

  it('a random seed is sent to a seeded remote model and recorded (fal through QuickRouter)', async () => {
    const job = await generate({ prompt: 'a remote fox' }, { providerId: 'qr', model: 'fal-ai/flux-1/dev' });
    const sent = fake.requests.find((request) => request.method === 'POST' && request.path.includes('flux-1/dev'));
    expect(typeof job.params.seed).toBe('number');
    expect((sent?.json as { seed?: number }).seed).toBe(job.params.seed);
    expect(imagesOf(job)[0]!.seed).toBe(job.params.seed);
  });

  it('a model that takes no seed (the OpenAI images API) records none, even when one was asked for', async () => {
    const job = await generate(
      { prompt: 'no seed here', seed: 3, size: '1024x1024' },
      { providerId: 'qr', model: 'gpt-image-1' },
    );
    expect(job.params.seed).toBeUndefined();
    expect(imagesOf(job)[0]!.seed).toBeNull();
  });
});
