// The crash loop's starting library: many images, and finished jobs in every finished state (done, failed,
// cancelled, interrupted), made the way a user's library gets them. The unfinished states (queued, submitted,
// running, downloading) come from the loop's own engines, which are killed with jobs in them.
import sharp from 'sharp';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import type { FakeProvider } from '../fake-provider';
import { addProviders, openCore } from './helpers';

/** A different 8×8 image for each index, so the content-addressed library keeps every one. */
function tinyImage(index: number): Promise<Buffer> {
  const background = { r: index % 256, g: Math.floor(index / 256) % 256, b: 91 };
  return sharp({ create: { width: 8, height: 8, channels: 3, background } })
    .png()
    .toBuffer();
}

async function createJob(core: Core, providerId: string, model: string, prompt: string, n = 1): Promise<string> {
  const answer = await core.invoke('jobs.create', { targets: [{ providerId, model }], prompt, n });
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as { jobs: Job[] }).jobs[0]!.id;
}

export async function seedCrashLibrary(libraryDir: string, fake: FakeProvider, imageCount: number): Promise<void> {
  let core = await openCore(libraryDir);
  await addProviders(core, fake.baseUrl);
  for (let start = 0; start < imageCount; start += 16) {
    const batch = Array.from({ length: Math.min(16, imageCount - start) }, (_, offset) => start + offset);
    await Promise.all(
      batch.map(async (index) =>
        core.library.addImage({ bytes: await tinyImage(index), source: 'imported' }, { thumbnails: 'now' }),
      ),
    );
  }
  const done = await createJob(core, 'local', 'local/pattern', 'seed done', 2);
  fake.fault('openai.generations', { kind: 'status', status: 400, message: 'Your prompt was refused.' });
  const failed = await createJob(core, 'qr', 'dall-e-2', 'seed failed');
  const cancelled = await createJob(core, 'fal', 'fal-ai/flux-1/dev', 'seed cancelled');
  await core.jobs.cancel(cancelled);
  await Promise.all([done, failed, cancelled].map((id) => core.jobs.waitFor(id)));
  // Sent, then the app closed before the answer: the next start marks it interrupted.
  fake.fault('openai.generations', { kind: 'slow', delayMs: 120_000 });
  const interrupted = await createJob(core, 'qr', 'dall-e-2', 'seed interrupted');
  while (!fake.requests.some((request) => (request.json as { prompt?: string })?.prompt === 'seed interrupted'))
    await new Promise((resolve) => setTimeout(resolve, 5));
  await core.close();
  core = await openCore(libraryDir);
  core.jobs.resume();
  await core.library.drainThumbnails();
  const states = [done, failed, cancelled, interrupted].map((id) => core.jobs.get(id).status);
  await core.close();
  if (states.join() !== 'done,failed,cancelled,interrupted') throw new Error(`seed jobs ended ${states.join()}`);
}
