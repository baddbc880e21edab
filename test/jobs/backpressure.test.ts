// Answers never pile up ahead of the library's intake (issue 11, points 13 and 14): a fast provider used to answer
// every queued job while the intake stored four at a time, so 10,000 queued jobs held thousands of answered runs in
// memory (load.test.ts: 400 MB resident), and every inline answer that found the intake busy was written, ≈4 MB of
// base64, into its jobs row (bench/jobs.ts: 3.5× its baseline).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;

beforeEach(async () => {
  fake = await startFakeProvider({ key: jobKey, defaultImageSide: 64 });
  core = await openCore(tempLibrary(), { concurrency: () => 4 });
  await addProviders(core, fake.baseUrl);
});
afterEach(async () => {
  await core.close();
  await fake.close();
});

async function queue(count: number, model: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const answer = await core.invoke('jobs.create', {
      targets: [{ providerId: 'qr', model }],
      prompt: `backlog ${index}`,
      size: '1024x1024',
    });
    if (!answer.ok) throw new Error(answer.error.message);
    ids.push((answer.value as { jobs: Job[] }).jobs[0]!.id);
  }
  return ids;
}

const sent = () => fake.requests.filter((request) => request.route === 'openai.generations').length;

describe('backpressure', () => {
  it('sends nothing new while answered jobs queue up for a busy intake', async () => {
    // The first four downloads take the four intake slots and hold them.
    fake.fault('files', ...Array.from({ length: 4 }, () => ({ kind: 'slow' as const, delayMs: 1500 })));
    const ids = await queue(24, 'dall-e-2');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Four storing, four in line for the intake, four answered in flight: the rest wait unsent.
    expect(sent()).toBeLessThanOrEqual(12);
    const finished = await Promise.all(ids.map((id) => core.jobs.waitFor(id)));
    expect(finished.every((job) => job.status === 'done')).toBe(true);
    expect(sent()).toBe(24);
  }, 30_000);

  it('an inline answer keeps its provider slot until stored, so none waits written into its jobs row', async () => {
    const largest: number[] = [];
    core.events.subscribe((event, payload) => {
      const job = payload as Job;
      if (event !== 'jobs.changed' || job.status !== 'downloading') return;
      const stored = core.db.prepare('SELECT length(result) FROM jobs WHERE id = ?').pluck().get(job.id) as number;
      largest.push(stored);
    });
    const ids = await queue(16, 'gpt-image-1');
    const finished = await Promise.all(ids.map((id) => core.jobs.waitFor(id)));
    expect(finished.every((job) => job.status === 'done')).toBe(true);
    expect(largest).toHaveLength(16);
    // The answers' facts only (a few hundred characters), never their base64.
    expect(Math.max(...largest)).toBeLessThan(2000);
  }, 30_000);
});
