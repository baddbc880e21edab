// The jobs benchmark (issue 11, point 14): 200 generation jobs answering 1024×1024 photo-sized images, once as
// b64_json inside the JSON answer (the GPT image shape) and once as URLs (dall-e's), through the whole engine
// (persist, send, answer, download, check, store) against the fake provider with zero latency, in a child process
// (bench/_fake-provider-child.ts) so its encoding is not on the main thread measured. Baseline: a loop
// with the same guarantees (the same requests, then library.addImage: probe, pixel check, hash, fsync, row) at the
// same concurrency; the bare fetch-and-write loop stays for reference. Budget: the engine ≤ 1.15× the baseline, and
// the main thread's event-loop delay p99 under 20 ms while the results land (the UI's IPC stays responsive).
// Run: npm run bench jobs (through `flock /tmp/heavy.lock` on shared machines).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Job } from '../shared/contract/jobs';
import { createCore } from '../electron/core/core';
import { createSecretStore } from '../electron/core/secrets/create-secret-store';

const jobCount = Number(process.env.BENCH_JOBS ?? 200);
const concurrency = 4;
const key = 'sk-bench-key-000000';
const workDir = join(import.meta.dirname, '.work', 'jobs');
const side = Number(process.env.BENCH_IMAGE_SIDE ?? 1024);
const size = `${side}x${side}`;
/** The event-loop delay budget while results land, in ms (p99). */
const delayBudgetMs = 20;
const ratioBudget = 1.15;

/** Each answer shape: the model the fake answers that way, and how a bare client reads the image out of it. */
const shapes = {
  b64_json: { model: 'gpt-image-1' },
  url: { model: 'dall-e-2' },
} as const;
type Shape = keyof typeof shapes;

interface Figures {
  ms: number;
  /** CPU time of the process, every thread. */
  cpuMs: number;
  /** Main-thread event-loop delay while the run lasted (p50 / p99 / max, ms). */
  delay: { p50: number; p99: number; max: number };
}

/** The fake provider in a child process (bench/_fake-provider-child.ts), so its work is not in the figures. */
async function startFakeChild(): Promise<{ baseUrl: string; pngBytes: number; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '_fake-provider-child.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_KEY: key, BENCH_IMAGE_SIDE: String(side) },
  });
  const started = await new Promise<{ baseUrl: string; pngBytes: number }>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end >= 0) resolve(JSON.parse(stdout.slice(0, end)) as { baseUrl: string; pngBytes: number });
    });
    child.once('exit', (code) => reject(new Error(`the fake provider exited with ${code} before listening`)));
  });
  return {
    ...started,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      await exited;
    },
  };
}

async function measured(work: () => Promise<unknown>): Promise<Figures> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const cpu = process.cpuUsage();
  histogram.enable();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  histogram.disable();
  const used = process.cpuUsage(cpu);
  const inMs = (ns: number) => ns / 1e6;
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    delay: { p50: inMs(histogram.percentile(50)), p99: inMs(histogram.percentile(99)), max: inMs(histogram.max) },
  };
}

/** Sends the same requests with the same concurrency; `store` decides what happens to the bytes. */
async function bareLoop(
  baseUrl: string,
  shape: Shape,
  store: (index: number, bytes: Buffer) => Promise<unknown>,
  count = jobCount,
): Promise<Figures> {
  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      const index = next++;
      const answer = await fetch(`${baseUrl}/v1/images/generations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ model: shapes[shape].model, prompt: `bench ${index}`, size }),
      });
      const body = (await answer.json()) as { data: Array<{ url?: string; b64_json?: string }> };
      const item = body.data[0]!;
      const bytes = item.b64_json
        ? Buffer.from(item.b64_json, 'base64')
        : Buffer.from(await (await fetch(item.url!)).arrayBuffer());
      await store(index, bytes);
    }
  }
  return measured(() => Promise.all(Array.from({ length: concurrency }, worker)));
}

async function openBenchCore(libraryDir: string) {
  const secrets = createSecretStore({ keychain: false, env: { ATELIER_KEY_QR: key } });
  const core = await createCore({ libraryDir, transport: 'test', secrets, jobs: { concurrency: () => concurrency } });
  return core;
}

async function engineRun(baseUrl: string, shape: Shape, libraryDir: string): Promise<Figures> {
  const core = await openBenchCore(libraryDir);
  const added = await core.invoke('providers.add', { id: 'qr', preset: 'quickrouter', baseUrl });
  if (!added.ok) throw new Error(added.error.message);
  let finished: Job[] = [];
  const figures = await measured(async () => {
    const ids: string[] = [];
    for (let index = 0; index < jobCount; index++) {
      const answer = await core.invoke('jobs.create', {
        targets: [{ providerId: 'qr', model: shapes[shape].model }],
        prompt: `bench ${index}`,
        size,
      });
      if (!answer.ok) throw new Error(answer.error.message);
      ids.push((answer.value as { jobs: Job[] }).jobs[0]!.id);
    }
    finished = await Promise.all(ids.map((id) => core.jobs.waitFor(id)));
  });
  const failed = finished.filter((job) => job.status !== 'done');
  if (failed.length) throw new Error(`${failed.length} jobs did not finish: ${failed[0]!.error?.message}`);
  // Thumbnails of job results follow in the background, after the jobs are done; not part of the figure.
  await core.library.drainThumbnails();
  await core.close();
  return figures;
}

async function libraryLoop(baseUrl: string, shape: Shape, libraryDir: string): Promise<Figures> {
  const core = await openBenchCore(libraryDir);
  const figures = await bareLoop(baseUrl, shape, (index, bytes) =>
    core.library.addImage(
      { bytes, source: 'generated', prompt: `bench ${index}`, model: shapes[shape].model },
      { thumbnails: 'later' },
    ),
  );
  await core.library.drainThumbnails();
  await core.close();
  return figures;
}

rmSync(workDir, { recursive: true, force: true });
const fake = await startFakeChild();
try {
  const perJob = (ms: number) => (ms / jobCount).toFixed(2);
  const line = (label: string, { ms, cpuMs, delay }: Figures) =>
    console.log(
      `  ${label.padEnd(34)}: ${ms.toFixed(0).padStart(6)} ms (${perJob(ms)} ms/job, CPU ${perJob(cpuMs)} ms/job); ` +
        `event-loop delay p50 ${delay.p50.toFixed(1)}, p99 ${delay.p99.toFixed(1)}, max ${delay.max.toFixed(1)} ms`,
    );
  console.log(
    `jobs: ${jobCount} generations of ${side}×${side} photo-sized PNG (≈${(fake.pngBytes / 1e6).toFixed(1)} MB), ` +
      `concurrency ${concurrency}, fake provider in a child process with zero latency; ${availableParallelism()} cores`,
  );
  const verdicts: string[] = [];
  for (const shape of Object.keys(shapes) as Shape[]) {
    const bareDir = join(workDir, `bare-${shape}`);
    mkdirSync(bareDir, { recursive: true });
    const write = (index: number, bytes: Buffer) => writeFile(join(bareDir, `${index}.png`), bytes);
    // Unmeasured warm-up (JIT, connection pool, sharp), so the first loop measured pays no start-up.
    await bareLoop(fake.baseUrl, shape, write, 20);
    const bare = await bareLoop(fake.baseUrl, shape, write);
    const baseline = await libraryLoop(fake.baseUrl, shape, join(workDir, `library-loop-${shape}`));
    const engine = await engineRun(fake.baseUrl, shape, join(workDir, `library-engine-${shape}`));
    console.log(`answers as ${shape} (${shapes[shape].model}):`);
    line('bare fetch-and-write (reference)', bare);
    line('fetch + library.addImage (baseline)', baseline);
    line('job engine end to end', engine);
    const ratio = engine.ms / baseline.ms;
    const met = ratio <= ratioBudget && engine.delay.p99 < delayBudgetMs;
    const verdict =
      `  engine / baseline: ${ratio.toFixed(2)}× (target ≤ ${ratioBudget}×), CPU ${(engine.cpuMs / baseline.cpuMs).toFixed(2)}×; ` +
      `engine / bare write ${(engine.ms / bare.ms).toFixed(2)}×; event-loop p99 ${engine.delay.p99.toFixed(1)} ms ` +
      `(target < ${delayBudgetMs}) — ${met ? 'met' : 'NOT met'}`;
    console.log(verdict);
    verdicts.push(`${shape}: ${met ? 'met' : 'not met'}`);
  }
  console.log(`budget: ${verdicts.join('; ')}`);
} finally {
  await fake.close();
  rmSync(workDir, { recursive: true, force: true });
}
