// Load (issue 11, point 13): many queued jobs at once against the fake server, under the presets' concurrency
// limits; memory stays bounded while they run and every one ends done with its image. `npm run test:load` runs
// 10,000 (ATELIER_LOAD_JOBS); every test run runs a smaller count.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

const jobCount = Number(process.env.ATELIER_LOAD_JOBS ?? 500);
/** The ceiling issue 11 sets for the whole process (engine, library, fake server and test runner together). */
const rssCeiling = 300 * 1024 * 1024;
/** How far the memory still held may move once warm (sharp's cache and SQLite's pages filled): a leak moves it. */
const rssDrift = 64 * 1024 * 1024;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

// A full collection before each reading, so a reading is the memory held, not garbage V8 has not yet collected.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let fake: FakeProvider | null = null;
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  await fake?.close();
  core = null;
  fake = null;
});

describe('load', () => {
  it(`${jobCount} queued jobs all end done, with memory bounded`, async () => {
    // Tiny images, so the run measures the engine and not the encoder.
    fake = await startFakeProvider({ key: jobKey, defaultImageSide: 8 });
    core = await openCore(tempLibrary());
    await addProviders(core, fake.baseUrl);
    /** The process's resident memory as it runs (garbage included). */
    const samples: number[] = [];
    const sample = () => samples.push(process.memoryUsage().rss);
    const sampler = setInterval(sample, 50);
    /** The memory held after a full collection, at every tenth of the jobs done. */
    const held: number[] = [];
    let done = 0;
    core.events.subscribe((event, payload) => {
      if (event !== 'jobs.changed' || (payload as Job).status !== 'done') return;
      if (++done % Math.ceil(jobCount / 10) !== 0) return;
      collectGarbage();
      held.push(process.memoryUsage().rss);
    });
    try {
      sample();
      const ids: string[] = [];
      // Half through ImageRouter's synchronous route, half through QuickRouter's: two providers, each held to
      // its preset's concurrency by the engine's scheduler.
      for (let index = 0; index < jobCount; index++) {
        const answer = await core.invoke('jobs.create', {
          targets: [index % 2 ? { providerId: 'ir', model: 'test/test' } : { providerId: 'qr', model: 'dall-e-2' }],
          prompt: `load ${index}`,
        });
        if (!answer.ok) throw new Error(answer.error.message);
        ids.push((answer.value as { jobs: Job[] }).jobs[0]!.id);
      }
      const afterQueueing = process.memoryUsage().rss;
      const finished = await Promise.all(ids.map((id) => core!.jobs.waitFor(id)));
      sample();
      const statuses = new Map<string, number>();
      for (const job of finished) statuses.set(job.status, (statuses.get(job.status) ?? 0) + 1);
      expect(Object.fromEntries(statuses)).toEqual({ done: jobCount });
      expect(finished.every((job) => job.imageIds.length === 1)).toBe(true);
      const stored = core.db.prepare('SELECT COUNT(DISTINCT job_id) FROM images WHERE job_id IS NOT NULL').pluck();
      expect(stored.get()).toBe(jobCount);
      // Each job was sent once, no more.
      const paid = fake.requests.filter((request) => request.route.endsWith('.generations')).length;
      expect(paid).toBe(jobCount);
      const peak = Math.max(...samples);
      console.log(
        `load: ${jobCount} jobs; rss at start ${mb(samples[0]!)} MB, after queueing ${mb(afterQueueing)} MB, ` +
          `peak ${mb(peak)} MB (garbage included, ${samples.length} samples); ` +
          `held after a full collection at each tenth done: ${held.map(mb).join(', ')} MB`,
      );
      expect(held).toHaveLength(10);
      expect(Math.max(...held)).toBeLessThan(rssCeiling);
      // Flat: from the second tenth on (once warm), what is held stays within rssDrift.
      const warm = held.slice(1);
      expect(Math.max(...warm) - Math.min(...warm)).toBeLessThan(rssDrift);
    } finally {
      clearInterval(sampler);
    }
  }, 600_000);
});
