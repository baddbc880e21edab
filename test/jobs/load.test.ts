// Load (issue 11, point 13): many queued jobs at once against the fake server, under the presets' concurrency
// limits; memory stays bounded while they run and every one ends done with its image. `npm run test:load` runs
// 10,000 (ATELIER_LOAD_JOBS); every test run runs a smaller count. The fake server runs in a child process
// (load-fake-child.ts), so the figures are the engine's, the library's and the test runner's.
import { type ChildProcess, fork } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { addProviders, openCore, tempLibrary } from './helpers';

const jobCount = Number(process.env.ATELIER_LOAD_JOBS ?? 500);
/** The ceiling issue 11 sets for the process (engine, library and test runner together), garbage included. */
const rssCeiling = 300 * 1024 * 1024;
/** How far the memory still held may move once warm (sharp's cache and SQLite's pages filled): a leak moves it. */
const rssDrift = 64 * 1024 * 1024;
/**
 * How far the JS heap still held after a full collection may grow once warm: a little, plus half a KB a job (the
 * thumbnails waiting for a quiet moment). Measured: 34 → 39 MB over 9,000 jobs. At 10,000 a leak of ≈1 KB a job
 * or more fails it; holding every finished Job (a few hundred bytes each) does not (measured 34 → 38 MB).
 */
const heapDrift = (jobs: number) => 4 * 1024 * 1024 + 512 * jobs;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

// A full collection before each reading, so a reading is the memory held, not garbage V8 has not yet collected.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The fake provider in its own process: its address, and how many requests reached routes ending in `routeEnd`. */
interface FakeChild {
  baseUrl: string;
  count(routeEnd: string): Promise<number>;
  close(): void;
}

async function startFakeChild(): Promise<FakeChild> {
  const child: ChildProcess = fork(new URL('./load-fake-child.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Record<string, unknown>));
      child.once('exit', (code) => reject(new Error(`the fake provider exited with ${code}`)));
    });
  const { baseUrl } = (await next()) as { baseUrl: string };
  return {
    baseUrl,
    count: async (routeEnd) => {
      const answer = next();
      child.send({ kind: 'count', routeEnd });
      return (await answer).count as number;
    },
    close: () => child.disconnect(),
  };
}

let fake: FakeChild | null = null;
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  fake?.close();
  core = null;
  fake = null;
});

describe('load', () => {
  it(`${jobCount} queued jobs all end done, with memory bounded`, async () => {
    fake = await startFakeChild();
    core = await openCore(tempLibrary());
    await addProviders(core, fake.baseUrl);
    /** The process's resident memory as it runs (garbage included). */
    const samples: number[] = [];
    const sample = () => samples.push(process.memoryUsage().rss);
    const sampler = setInterval(sample, 50);
    /** The memory held after a full collection (resident, and the JS heap), at every tenth of the jobs done. */
    const held: number[] = [];
    const heldHeap: number[] = [];
    let done = 0;
    core.events.subscribe((event, payload) => {
      if (event !== 'jobs.changed' || (payload as Job).status !== 'done') return;
      if (++done % Math.ceil(jobCount / 10) !== 0) return;
      collectGarbage();
      const { rss, heapUsed } = process.memoryUsage();
      held.push(rss);
      heldHeap.push(heapUsed);
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
      expect(await fake.count('.generations')).toBe(jobCount);
      const peak = Math.max(...samples);
      console.log(
        `load: ${jobCount} jobs; rss at start ${mb(samples[0]!)} MB, after queueing ${mb(afterQueueing)} MB, ` +
          `peak ${mb(peak)} MB (garbage included, ${samples.length} samples); ` +
          `held after a full collection at each tenth done: ${held.map(mb).join(', ')} MB ` +
          `(JS heap ${heldHeap.map(mb).join(', ')} MB)`,
      );
      expect(held).toHaveLength(10);
      expect(Math.max(peak, ...held)).toBeLessThan(rssCeiling);
      // Flat: from the second tenth on (once warm), what is held stays within rssDrift, and the heap within heapDrift.
      const warm = held.slice(1);
      expect(Math.max(...warm) - Math.min(...warm)).toBeLessThan(rssDrift);
      const warmHeap = heldHeap.slice(1);
      expect(warmHeap.at(-1)! - Math.min(...warmHeap)).toBeLessThan(heapDrift(jobCount));
    } finally {
      clearInterval(sampler);
    }
  }, 600_000);
});
