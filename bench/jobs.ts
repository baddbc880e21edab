// The jobs benchmark (issue 4): 200 generation jobs through the whole engine (persist, send, answer,
// download, verify, store in the library with thumbnails) against the fake provider with zero latency,
// next to a bare loop that sends the same requests and fetches and writes the same bytes with the same
// concurrency. Target: within 1.3×. Run: npx tsx bench/jobs.ts (or npm run bench jobs).
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { Job } from '../shared/contract/jobs';
import { createCore } from '../electron/core/core';
import { createSecretStore } from '../electron/core/secrets/create-secret-store';
import { startFakeProvider } from '../test/fake-provider';

const jobCount = Number(process.env.BENCH_JOBS ?? 200);
const concurrency = 4;
const key = 'sk-bench-key-000000';
const workDir = join(import.meta.dirname, '.work', 'jobs');
const imageSide = Number(process.env.BENCH_IMAGE_SIDE ?? 256);

interface Figures {
  /** Wall time of the whole run. */
  ms: number;
  /** CPU time of the process, every thread (what competes for the cores). */
  cpuMs: number;
  /** Time the main thread was busy (what holds up everything else on the event loop). */
  mainMs: number;
}

/** Runs `work` and measures it; the fake provider runs in this process, so its share is in every row alike. */
async function measured(work: () => Promise<unknown>): Promise<Figures> {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, mainMs: performance.eventLoopUtilization(loop).active };
}

/** Sends the same requests with the same concurrency; `store` decides what happens to the bytes. */
async function bareLoop(
  baseUrl: string,
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
        body: JSON.stringify({ model: 'dall-e-2', prompt: `bench ${index}`, size: `${imageSide}x${imageSide}` }),
      });
      const body = (await answer.json()) as { data: Array<{ url: string }> };
      await store(index, Buffer.from(await (await fetch(body.data[0]!.url)).arrayBuffer()));
    }
  }
  return measured(() => Promise.all(Array.from({ length: concurrency }, worker)));
}

async function openBenchCore(libraryDir: string) {
  const secrets = createSecretStore({ keychain: false, env: { ATELIER_KEY_QR: key } });
  return createCore({ libraryDir, transport: 'test', secrets, jobs: { concurrency: () => concurrency } });
}

async function engineRun(baseUrl: string, libraryDir: string): Promise<{ engine: Figures; thumbnailsDone: number }> {
  const core = await openBenchCore(libraryDir);
  const added = await core.invoke('providers.add', { id: 'qr', preset: 'quickrouter', baseUrl });
  if (!added.ok) throw new Error(added.error.message);
  const started = performance.now();
  let finished: Job[] = [];
  const engine = await measured(async () => {
    const ids: string[] = [];
    for (let index = 0; index < jobCount; index++) {
      const answer = await core.invoke('jobs.create', {
        targets: [{ providerId: 'qr', model: 'dall-e-2' }],
        prompt: `bench ${index}`,
        size: `${imageSide}x${imageSide}`,
      });
      if (!answer.ok) throw new Error(answer.error.message);
      ids.push((answer.value as { jobs: Job[] }).jobs[0]!.id);
    }
    finished = await Promise.all(ids.map((id) => core.jobs.waitFor(id)));
  });
  // Thumbnails of job results are made in the background after each job is done; reported apart.
  await core.library.drainThumbnails();
  const thumbnailsDone = performance.now() - started;
  const failed = finished.filter((job) => job.status !== 'done');
  if (failed.length) throw new Error(`${failed.length} jobs did not finish: ${failed[0]!.error?.message}`);
  await core.close();
  return { engine, thumbnailsDone };
}

rmSync(workDir, { recursive: true, force: true });
const fake = await startFakeProvider({ key, defaultImageSide: imageSide });
try {
  const bareDir = join(workDir, 'bare');
  mkdirSync(bareDir, { recursive: true });
  // Unmeasured warm-up (JIT, connection pool, sharp in the fake server), so the first loop measured pays no start-up.
  await bareLoop(fake.baseUrl, (index, bytes) => writeFile(join(bareDir, `${index}.png`), bytes), 50);
  const bare = await bareLoop(fake.baseUrl, (index, bytes) => writeFile(join(bareDir, `${index}.png`), bytes));
  // The steps every result must pass, each alone on top of the bare loop: the pixel check (point 11)
  // and a durable write (fsync), so the table shows where the engine's time goes.
  const bareDecode = await bareLoop(fake.baseUrl, async (index, bytes) => {
    await sharp(bytes, { failOn: 'truncated' }).raw().toBuffer();
    await writeFile(join(bareDir, `${index}.png`), bytes);
  });
  const bareFsync = await bareLoop(fake.baseUrl, (index, bytes) =>
    writeFile(join(bareDir, `${index}.png`), bytes, { flush: true }),
  );
  const libraryCore = await openBenchCore(join(workDir, 'bare-library'));
  const bareLibrary = await bareLoop(fake.baseUrl, (index, bytes) =>
    libraryCore.library.addImage(
      { bytes, source: 'generated', prompt: `bench ${index}`, model: 'dall-e-2' },
      { thumbnails: 'later' },
    ),
  );
  await libraryCore.library.drainThumbnails();
  await libraryCore.close();
  const { engine, thumbnailsDone } = await engineRun(fake.baseUrl, join(workDir, 'library'));
  const perJob = (ms: number) => (ms / jobCount).toFixed(2);
  const line = (label: string, { ms, cpuMs, mainMs }: Figures) =>
    console.log(
      `  ${label.padEnd(38)}: ${ms.toFixed(0)} ms (${perJob(ms)} ms/job; CPU ${perJob(cpuMs)}, main thread ${perJob(mainMs)} ms/job)`,
    );
  console.log(
    `jobs: ${jobCount} generations of ${imageSide}×${imageSide} PNG, concurrency ${concurrency}, fake provider with zero latency`,
  );
  line('bare fetch-and-write loop (baseline)', bare);
  line('bare fetch + full decode + write', bareDecode);
  line('bare fetch + fsynced write', bareFsync);
  line('bare fetch + library.addImage loop', bareLibrary);
  console.log(
    '  (both Atelier rows store each image durably: every pixel decoded, hashed, fsynced, indexed; thumbnails follow)',
  );
  line('job engine end to end', engine);
  console.log(`  … and background thumbnails finished  : ${thumbnailsDone.toFixed(0)} ms`);
  const ratio = (label: string, a: Figures, b: Figures, why: string) =>
    console.log(
      `  ${label.padEnd(38)}: ${(a.ms / b.ms).toFixed(2)}× (CPU ${(a.cpuMs / b.cpuMs).toFixed(2)}×, main thread ${(a.mainMs / b.mainMs).toFixed(2)}×) ${why}`,
    );
  ratio('engine / bare fetch-and-write', engine, bare, '(target ≤ 1.3×)');
  ratio('decode loop / bare fetch-and-write', bareDecode, bare, '(the pixel check alone)');
  ratio('fsync loop / bare fetch-and-write', bareFsync, bare, '(durability alone)');
  ratio('engine / bare fetch + addImage', engine, bareLibrary, "(the engine's own overhead)");
  console.log(
    `  the machine has ${availableParallelism()} cores: a run's CPU time over its wall time shows how many it kept busy`,
  );
} finally {
  await fake.close();
  rmSync(workDir, { recursive: true, force: true });
}
