// Crash safety: a process killed with SIGKILL while jobs sit in every state; after restart, resume
// finishes them all with no image lost and none stored twice, and remote jobs are not sent again.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider | null = null;
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  await fake?.close();
  core = null;
  fake = null;
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const wanted = ['done', 'submitted', 'queued', 'running', 'downloading'] as const;

/** How long the child's lease outlives its last heartbeat (crash-child.ts runs its engine with it). */
const childLeaseMs = 1000;

/**
 * Starts the child and SIGKILLs it once every tagged job sits in the state named by its tag. With `keepZombie`
 * the child's parent is a shell that became `sleep` and never wait()s, so the dead owner stays a zombie: its pid
 * still answers kill(pid, 0), as on a container's or a CI machine's PID 1 that does not reap.
 */
function crashChildInEveryState(
  libraryDir: string,
  baseUrl: string,
  keepZombie = false,
): Promise<{ ids: Record<string, string>; pid: number; holder: ChildProcess }> {
  const node = [process.execPath, '--import', 'tsx', 'test/jobs/crash-child.ts', libraryDir, baseUrl];
  const child = keepZombie
    ? spawn('sh', ['-c', '"$@" & echo "{\\"pid\\":$!}"; exec sleep 120', 'sh', ...node], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    : spawn(node[0]!, node.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  const ids: Record<string, string> = {};
  const status = new Map<string, string>();
  let pid = keepZombie ? 0 : child.pid!;
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (!keepZombie && signal === 'SIGKILL') resolve({ ids, pid, holder: child });
      else reject(new Error(`child exited early (${code})`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { tag?: string; id: string; status?: string; pid?: number };
      if (message.pid) pid = message.pid;
      if (message.tag) ids[message.tag] = message.id;
      if (message.status) status.set(message.id, message.status);
      const ready = wanted.every((tag) => ids[tag] !== undefined && status.get(ids[tag]!) === tag);
      if (!ready) return;
      process.kill(pid, 'SIGKILL');
      if (keepZombie) void untilZombie(pid).then(() => resolve({ ids, pid, holder: child }), reject);
    });
  });
}

/** Linux: the third field of /proc/<pid>/stat is the state, Z for a zombie. */
async function untilZombie(pid: number): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return;
    await wait(10);
  }
  throw new Error(`process ${pid} did not become a zombie`);
}

/** What a job sits in when the child is killed, and what resuming it ends in. */
async function expectResumedAfterLease(libraryDir: string, ids: Record<string, string>): Promise<Core> {
  const resumer = await openCore(libraryDir);
  const before = resumer.jobs.list();
  expect(Object.fromEntries(wanted.map((tag) => [tag, before.find((job) => job.id === ids[tag])!.status]))).toEqual({
    done: 'done',
    submitted: 'submitted',
    queued: 'queued',
    running: 'running',
    downloading: 'downloading',
  });
  // The dead engine's lease still runs for up to childLeaseMs: until then its jobs are not taken.
  expect(resumer.jobs.resume()).toEqual([]);
  await wait(childLeaseMs + 200);
  // The submitted job is a synchronous call whose answer died with the child: it may have been charged, so it
  // waits for the user's Retry instead of being sent again.
  expect(resumer.jobs.resume().sort()).toEqual([ids.queued, ids.running, ids.downloading].sort());
  expect(resumer.jobs.get(ids.submitted!)).toMatchObject({ status: 'interrupted', error: { code: 'unavailable' } });
  return resumer;
}

describe('resume after a crash', () => {
  it('finishes jobs killed in every state with no lost and no duplicated images', async () => {
    fake = await startFakeProvider({ key: jobKey, replicateSteps: 0, falSteps: { queued: 1, inProgress: 1 } });
    // Hold the first answer on each route so the child is caught mid-way.
    fake.fault('openai.generations', { kind: 'slow', delayMs: 120_000 });
    fake.fault('fal.status', { kind: 'slow', delayMs: 120_000 });
    fake.fault('files', { kind: 'slow', delayMs: 120_000 });
    const libraryDir = tempLibrary();
    const { ids } = await crashChildInEveryState(libraryDir, fake.baseUrl);
    core = await expectResumedAfterLease(libraryDir, ids);
    const finished = await Promise.all(wanted.map((tag) => core!.jobs.waitFor(ids[tag]!)));
    expect(finished.map((job: Job) => [job.status, job.imageIds.length])).toEqual([
      ['done', 2],
      ['interrupted', 0],
      ['done', 1],
      ['done', 2],
      ['done', 1],
    ]);
    const images = core.library.list({ limit: 100 }).images;
    expect(images).toHaveLength(6);
    for (const job of finished)
      expect(
        images
          .filter((image) => image.jobId === job.id)
          .map((image) => image.id)
          .sort(),
      ).toEqual([...job.imageIds].sort());
    // Remote jobs continued from their stored ids instead of being sent again.
    const count = (route: string) => fake!.requests.filter((request) => request.route === route).length;
    expect(count('fal.submit')).toBe(1);
    expect(count('replicate.create')).toBe(1);
    // The child's held call and the queued job's: the interrupted one was not sent again.
    expect(count('openai.generations')).toBe(2);
    // Files and rows agree. Thumbnails are made in the background after a job is done, so those of images
    // stored just before the kill may be missing: repair (or the first request for one) makes them.
    await core.library.drainThumbnails();
    const report = await core.library.check({ repair: false });
    expect([report.integrity, report.missingFiles, report.orphanFiles, report.tempFiles]).toEqual([[], [], [], []]);
    await core.library.check({ repair: true });
    expect((await core.library.check({ repair: false })).ok).toBe(true);
  });

  it('an image stored just before a crash is not stored again', async () => {
    fake = await startFakeProvider({ key: jobKey, falSteps: { queued: 0, inProgress: 0 } });
    // The first image downloads, the second hangs: then the process "dies" before recording the first.
    fake.fault('files', { kind: 'slow', delayMs: 0 }, { kind: 'slow', delayMs: 120_000 });
    const libraryDir = tempLibrary();
    core = await openCore(libraryDir);
    await addProviders(core, fake.baseUrl);
    const answer = await core.invoke('jobs.create', {
      targets: [{ providerId: 'fal', model: 'fal-ai/flux-1/dev' }],
      prompt: 'two',
      n: 2,
    });
    const id = (answer as { ok: true; value: { jobs: Job[] } }).value.jobs[0]!.id;
    await new Promise<void>((resolve) => {
      const stop = core!.events.subscribe((event, payload) => {
        if (event === 'jobs.changed' && (payload as Job).imageIds.length === 1) {
          stop();
          resolve();
        }
      });
    });
    // The second download must be the one held (and cut by the close), not one sent after the restart.
    while (fake.requests.filter((request) => request.route === 'files').length < 2) await wait(5);
    await core.close();
    const reopened = await openCore(libraryDir);
    core = reopened;
    reopened.db.prepare("UPDATE jobs SET image_ids = '[]' WHERE id = ?").run(id);
    reopened.jobs.resume();
    const done = await reopened.jobs.waitFor(id);
    expect(done.imageIds).toHaveLength(2);
    expect(reopened.library.list({ limit: 10 }).images.filter((image) => image.jobId === id)).toHaveLength(2);
  });

  it("a second engine leaves a live engine's jobs alone; once it closes, a call it had sent is interrupted, and Retry sends it again", async () => {
    fake = await startFakeProvider({ key: jobKey });
    fake.fault('openai.generations', { kind: 'slow', delayMs: 120_000 });
    const libraryDir = tempLibrary();
    const first = await openCore(libraryDir);
    await addProviders(first, fake.baseUrl);
    const answer = await first.invoke('jobs.create', {
      targets: [{ providerId: 'qr', model: 'dall-e-2' }],
      prompt: 'one owner',
    });
    const id = (answer as { ok: true; value: { jobs: Job[] } }).value.jobs[0]!.id;
    // Wait until the first engine's request is held by the server (the slow answer).
    while (!fake.requests.some((request) => request.route === 'openai.generations'))
      await new Promise((resolve) => setTimeout(resolve, 10));
    core = await openCore(libraryDir);
    expect(core.jobs.resume()).toEqual([]);
    // Closing while the call is held: sent, answer lost. It is not sent again until the user says so.
    await first.close();
    expect(core.jobs.resume()).toEqual([]);
    expect(core.jobs.get(id).status).toBe('interrupted');
    const generations = () => fake!.requests.filter((request) => request.route === 'openai.generations').length;
    expect(generations()).toBe(1);
    expect(core.jobs.retry(id).status).toBe('queued');
    expect(await core.jobs.waitFor(id)).toMatchObject({ status: 'done', error: null, attempts: 2 });
    expect(generations()).toBe(2);
  });

  it('takes the jobs of a SIGKILLed owner that nobody reaped (a zombie) once its lease runs out', async () => {
    fake = await startFakeProvider({ key: jobKey, replicateSteps: 0, falSteps: { queued: 1, inProgress: 1 } });
    fake.fault('openai.generations', { kind: 'slow', delayMs: 120_000 });
    fake.fault('fal.status', { kind: 'slow', delayMs: 120_000 });
    fake.fault('files', { kind: 'slow', delayMs: 120_000 });
    const libraryDir = tempLibrary();
    const { ids, pid, holder } = await crashChildInEveryState(libraryDir, fake.baseUrl, true);
    try {
      // The dead owner's pid still answers, as a zombie's does.
      expect(() => process.kill(pid, 0)).not.toThrow();
      core = await expectResumedAfterLease(libraryDir, ids);
      const finished = await Promise.all(wanted.map((tag) => core!.jobs.waitFor(ids[tag]!)));
      expect(finished.map((job) => job.status)).toEqual(['done', 'interrupted', 'done', 'done', 'done']);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes a job whose recorded owner names this very process (a pid reused after a reboot)', async () => {
    fake = await startFakeProvider({ key: jobKey });
    const libraryDir = tempLibrary();
    const first = await openCore(libraryDir);
    await addProviders(first, fake.baseUrl);
    fake.fault('openai.generations', { kind: 'slow', delayMs: 120_000 });
    const answer = await first.invoke('jobs.create', {
      targets: [{ providerId: 'qr', model: 'dall-e-2' }],
      prompt: 'x',
    });
    const id = (answer as { ok: true; value: { jobs: Job[] } }).value.jobs[0]!.id;
    while (!fake.requests.some((request) => request.route === 'openai.generations')) await wait(10);
    await first.close();
    core = await openCore(libraryDir);
    // As the old host:pid owners were written, by an engine of an earlier boot that had our pid.
    core.db
      .prepare("UPDATE jobs SET owner = ?, status = 'queued' WHERE id = ?")
      .run(`${hostname()}:${process.pid}:0badf00d`, id);
    expect(core.jobs.resume()).toEqual([id]);
    expect((await core.jobs.waitFor(id)).status).toBe('done');
  });
});
