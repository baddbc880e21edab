// The crash loop (issue 11, point 12): a child process runs the real core engine on one library while the fake
// provider answers with some latency; the loop SIGKILLs it at a chosen point (a paid submit on the wire, a poll, a
// download, an original being stored, a thumbnail being written), checks the library as the kill left it, starts
// the next engine, checks what its resume did, and goes again. The last engine runs every job to its end.
// Every finding is a line in `problems`; the test (crash-loop.test.ts) asserts there are none.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { finishedStatuses, type JobStatus } from '../../shared/contract/jobs';
import { startFakeProvider, type FakeProvider, type RouteName } from '../fake-provider';
import { seedCrashLibrary } from './crash-library';
import { crashLeaseMs, paidRoutes, pollRoutes, promptOf } from './crash-plan';
import { jobKey, openCore, tempLibrary } from './helpers';

export const killPoints = ['submit', 'poll', 'download', 'store', 'thumbnail'] as const;
export type KillPoint = (typeof killPoints)[number];

export interface CrashLoopOptions {
  rounds: number;
  images: number;
  /** Seeds the choice of kill delays and latencies, printed so a failing run can be replayed. */
  seed: number;
  log?: (line: string) => void;
}

export interface RoundReport {
  round: number;
  point: KillPoint;
  /** False when the point never came within the wait (the kill came then anyway). */
  reached: boolean;
  delayMs: number;
  /** Jobs by status as the kill left them. */
  statuses: Partial<Record<JobStatus, number>>;
  /** What `check --repair` had to mend (leftover temp files, thumbnails not yet made). */
  repaired: number;
}

export interface CrashLoopResult {
  problems: string[];
  rounds: RoundReport[];
  /** Final status counts over every job. */
  final: Partial<Record<JobStatus, number>>;
  images: number;
}

interface JobRow {
  id: string;
  protocol: string;
  status: JobStatus;
  prompt: string;
  params: string;
  remote: string | null;
  image_ids: string;
  error: string | null;
  error_code: string | null;
}

/** mulberry32: a small seeded generator, so a run's choices can be replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unfinished = (status: JobStatus) => !(finishedStatuses as readonly string[]).includes(status);

interface ChildMessage {
  id?: string;
  status?: JobStatus;
  images?: number;
  resumed?: string[];
  created?: unknown[];
  finished?: boolean;
  loaded?: boolean;
  /** When the loop read it (Date.now()). */
  at: number;
}

class EngineChild {
  readonly messages: ChildMessage[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly process: ChildProcess;

  constructor(libraryDir: string, round: number, mode?: 'finish') {
    const args = [
      '--import',
      'tsx',
      'test/jobs/crash-loop-child.ts',
      libraryDir,
      String(round),
      ...(mode ? [mode] : []),
    ];
    this.process = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: this.process.stdout! }).on('line', (line) => {
      this.messages.push({ ...(JSON.parse(line) as Omit<ChildMessage, 'at'>), at: Date.now() });
    });
  }

  /** The engine opens the library once its code is loaded and it is told to. */
  async go(): Promise<boolean> {
    const loaded = await until(() => this.messages.some((message) => message.loaded), 60_000);
    this.process.stdin!.write('go\n');
    return loaded;
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }
}

/** Polls `ready` every millisecond or two; true when it held before `timeoutMs`. */
async function until(ready: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) return false;
    await wait(1);
  }
  return true;
}

/** Every request route with some latency, as real services have (each answer held 10–120 ms). */
function addLatency(fake: FakeProvider, random: () => number): void {
  const routes: RouteName[] = [...paidRoutes, ...pollRoutes, 'files'];
  for (const route of routes) {
    const missing = 80 - fake.pendingFaults(route);
    for (let index = 0; index < missing; index++)
      fake.fault(route, { kind: 'slow', delayMs: 10 + Math.floor(random() * 110) });
  }
}

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopResult> {
  const log = options.log ?? (() => {});
  const random = seeded(options.seed);
  const problems: string[] = [];
  const rounds: RoundReport[] = [];
  const fake = await startFakeProvider({ key: jobKey, falSteps: { queued: 1, inProgress: 2 }, replicateSteps: 2 });
  const libraryDir = tempLibrary();
  /** Per remote job: paid submits counted when its remote id was first seen stored. No later one may come. */
  const submitsAtRemote = new Map<string, number>();
  const engines: EngineChild[] = [];
  try {
    const started = Date.now();
    const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    await seedCrashLibrary(libraryDir, fake, options.images);
    log(`seeded ${options.images} images and jobs in every finished state (${seconds()})`);
    const engineFor = (round: number) => {
      const engine = new EngineChild(libraryDir, round, round > options.rounds ? 'finish' : undefined);
      engines.push(engine);
      return engine;
    };
    let child = engineFor(1);
    let openBefore = await verify(0);

    for (let round = 1; round <= options.rounds; round++) {
      addLatency(fake, random);
      // Each point in turn, so any five rounds in a row meet them all; the delays are random.
      const point = killPoints[(round - 1) % killPoints.length]!;
      await child.go();
      const firstRequest = fake.requests.length;
      const tmpEvents: number[] = [];
      const watcher = watch(join(libraryDir, '.tmp'), () => tmpEvents.push(Date.now()));
      try {
        if (!(await until(() => child.messages.some((message) => message.resumed), 30_000)))
          throw new Error(`round ${round}: the engine never said what it resumed`);
        checkResume(round, openBefore, child.messages.find((message) => message.resumed)!.resumed!);
        const resumedAt = seconds();
        const reached = await until(() => pointReached(point, child, fake, firstRequest, tmpEvents), 8000);
        const delayMs = Math.floor(random() * maxDelayMs[point]);
        if (delayMs > 0) await wait(delayMs);
        child.kill();
        const exit = await child.exited;
        const killedAt = Date.now();
        if (exit.signal !== 'SIGKILL') problems.push(`round ${round}: the engine exited by itself (${exit.code})`);
        // The next engine loads its code while this round's library is checked.
        child = engineFor(round + 1);
        const verifyFrom = seconds();
        const report = await verify(round);
        rounds.push({ round, point, reached, delayMs, statuses: report.statuses, repaired: report.repaired });
        openBefore = report;
        log(
          `round ${round}: killed at ${point}${reached ? '' : ' (not reached)'} +${delayMs} ms; ` +
            `${JSON.stringify(report.statuses)}; repair mended ${report.repaired} (resumed ${resumedAt}, killed ${verifyFrom}, checked ${seconds()})`,
        );
        // The killed engine's lease must run out before the next one can take its jobs.
        await wait(Math.max(0, killedAt + crashLeaseMs + 150 - Date.now()));
      } finally {
        watcher.close();
      }
    }

    // The last engine is not killed: every job must reach its end.
    const last = child;
    await last.go();
    await until(() => last.messages.some((message) => message.resumed), 30_000);
    const resumed = last.messages.find((message) => message.resumed)?.resumed ?? [];
    checkResume(options.rounds + 1, openBefore, resumed);
    const exit = await Promise.race([last.exited, wait(120_000).then(() => null)]);
    if (exit?.code !== 0) problems.push(`the last engine did not finish its jobs (${JSON.stringify(exit)})`);
    const final = await verify(options.rounds + 1, true);
    log(`last engine finished every job (${seconds()})`);
    return {
      problems,
      rounds,
      final: final.statuses,
      images: final.images,
    };
  } finally {
    // A failed run leaves no engine behind (killing one that already ended does nothing).
    for (const engine of engines) engine.kill();
    await fake.close();
  }

  /** Unfinished before the restart: each is now resumed, or interrupted or failed with a reason. */
  function checkResume(round: number, before: { open: string[] }, resumed: string[]): void {
    const db = new Database(join(libraryDir, 'atelier.db'), { readonly: true });
    try {
      const taken = new Set(resumed);
      const read = db.prepare('SELECT id, status, error FROM jobs WHERE id = ?');
      for (const id of before.open) {
        if (taken.has(id)) continue;
        const job = read.get(id) as Pick<JobRow, 'id' | 'status' | 'error'>;
        if ((job.status === 'interrupted' || job.status === 'failed') && job.error) continue;
        problems.push(`round ${round}: ${id} (${job.status}) was neither resumed nor ended with a reason`);
      }
    } finally {
      db.close();
    }
  }

  /** The library as a kill (or the last engine) left it; answers the unfinished jobs for the next resume check. */
  async function verify(
    round: number,
    last = false,
  ): Promise<{ open: string[]; statuses: Partial<Record<JobStatus, number>>; repaired: number; images: number }> {
    const core = await openCore(libraryDir);
    const found = (what: string) => problems.push(`round ${round}: ${what}`);
    try {
      const integrity = core.db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') found(`integrity_check answered ${String(integrity)}`);
      const images = core.db.prepare('SELECT id, job_id AS jobId, path FROM images').all() as Array<{
        id: string;
        jobId: string | null;
        path: string;
      }>;
      // Every stored image is on disk and decodes to its last pixel.
      for (let start = 0; start < images.length; start += 8)
        await Promise.all(
          images.slice(start, start + 8).map(async (image) => {
            const path = join(libraryDir, image.path);
            if (!existsSync(path)) return found(`image ${image.id} has no file (${image.path})`);
            await sharp(path, { failOn: 'error' })
              .raw()
              .toBuffer()
              .catch((error: unknown) => found(`image ${image.id} does not decode: ${String(error)}`));
          }),
        );
      const before = await core.library.check({ repair: false, graceMs: 0 });
      if (before.missingFiles.length) found(`check finds missing files: ${JSON.stringify(before.missingFiles)}`);
      const repaired = await core.library.check({ repair: true, graceMs: 0 });
      const after = await core.library.check({ repair: false, graceMs: 0 });
      if (!after.ok) found(`check after repair is not clean: ${JSON.stringify(after)}`);

      const jobs = core.db
        .prepare('SELECT id, protocol, status, prompt, params, remote, image_ids, error, error_code FROM jobs')
        .all() as JobRow[];
      const imagesOfJob = new Map<string, string[]>();
      for (const image of images)
        if (image.jobId) imagesOfJob.set(image.jobId, [...(imagesOfJob.get(image.jobId) ?? []), image.id]);
      const paidSends = new Map<string, number>();
      for (const request of fake.requests) {
        if (!(paidRoutes as readonly string[]).includes(request.route)) continue;
        const prompt = promptOf(request);
        if (prompt !== null) paidSends.set(prompt, (paidSends.get(prompt) ?? 0) + 1);
      }
      const statuses: Partial<Record<JobStatus, number>> = {};
      for (const job of jobs) {
        statuses[job.status] = (statuses[job.status] ?? 0) + 1;
        checkImagesOf(job, imagesOfJob.get(job.id) ?? [], found);
        checkSends(job, paidSends.get(job.prompt) ?? 0, found);
        if (last && unfinished(job.status)) found(`${job.id} is still ${job.status} after the last engine`);
        if ((job.status === 'failed' || job.status === 'interrupted') && !job.error)
          found(`${job.id} is ${job.status} without a reason`);
        // What a crash loses that no restart can get back (a paid answer only this process had) ends interrupted,
        // and free local work is redone: a failure the loop did not seed is a defect it found.
        if (last && job.status === 'failed' && job.prompt !== 'seed failed')
          found(`${job.id} (${job.protocol}) failed: ${job.error ?? '(no reason)'}`);
      }
      return {
        open: jobs.filter((job) => unfinished(job.status)).map((job) => job.id),
        statuses,
        repaired: repaired.repaired.length,
        images: images.length,
      };
    } finally {
      await core.close();
    }
  }

  /** One image set per job: never more images than asked, and a done job's list is exactly its images. */
  function checkImagesOf(job: JobRow, stored: string[], found: (what: string) => void): void {
    const asked = (JSON.parse(job.params) as { n?: number }).n ?? 1;
    const listed = JSON.parse(job.image_ids) as string[];
    if (stored.length > asked) found(`${job.id} asked for ${asked} images and has ${stored.length}`);
    if (job.status === 'done' && (stored.length !== asked || [...listed].sort().join() !== [...stored].sort().join()))
      found(`${job.id} is done with images ${JSON.stringify(listed)} but the library holds ${JSON.stringify(stored)}`);
    if (listed.some((id) => !stored.includes(id))) found(`${job.id} lists an image the library does not hold`);
  }

  /**
   * Never sent twice without the user's word: a synchronous call once at most (one sent before a kill is marked
   * interrupted, not re-sent); a fal or Replicate submit likewise, and never again once its remote id was stored.
   */
  function checkSends(job: JobRow, sends: number, found: (what: string) => void): void {
    if (job.protocol === 'openai-images' && sends > 1) found(`${job.id} (synchronous) was sent ${sends} times`);
    if (job.protocol !== 'fal-queue' && job.protocol !== 'replicate') return;
    const atRemote = submitsAtRemote.get(job.id);
    if (atRemote === undefined) {
      if (job.remote) {
        submitsAtRemote.set(job.id, sends);
        // A submit whose answer was lost with the process ends interrupted: only the user's Retry sends it again.
        if (sends > 1) found(`${job.id} (${job.protocol}) was submitted ${sends} times before its id was stored`);
      }
    } else if (sends > atRemote) found(`${job.id} was submitted again after its remote id was stored`);
  }
}

const maxDelayMs: Record<KillPoint, number> = { submit: 60, poll: 20, download: 20, store: 3, thumbnail: 3 };

/** Whether the engine is at the kill point: a request the fake received, or a file written under .tmp/. */
function pointReached(
  point: KillPoint,
  child: EngineChild,
  fake: FakeProvider,
  firstRequest: number,
  tmpEvents: number[],
): boolean {
  const sent = (routes: readonly string[]) => fake.requests.slice(firstRequest).some((r) => routes.includes(r.route));
  switch (point) {
    case 'submit':
      return sent(paidRoutes);
    case 'poll':
      return sent(pollRoutes);
    case 'download':
      return sent(['files']);
    case 'store':
      // An original goes through .tmp/ on its way in: a result is being fetched or written.
      return child.messages.some((message) => message.status === 'downloading') && tmpEvents.length > 0;
    case 'thumbnail': {
      // Thumbnails are made once results stop arriving for a moment (200 ms): a write well after the last
      // job ended is one of them.
      const lastDone = child.messages.findLast((message) => message.status === 'done');
      return lastDone !== undefined && tmpEvents.some((at) => at - lastDone.at >= 150);
    }
  }
}
