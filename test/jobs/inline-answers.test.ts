// An answer that carries its images inline (a GPT image's b64_json) goes to the library without its data passing
// through the jobs row (issue 11, point 14: that write cost tens of ms of main thread per job); a crash while such
// an answer was held in memory ends a paid job interrupted with that reason, never re-sent silently and never
// "damaged"; a free local one is rendered again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import { builtInTarget } from '../../shared/presets';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;
let libraryDir: string;

beforeEach(async () => {
  fake = await startFakeProvider({ key: jobKey, defaultImageSide: 256 });
  libraryDir = tempLibrary();
  core = await openCore(libraryDir);
  await addProviders(core, fake.baseUrl);
});
afterEach(async () => {
  await core.close();
  await fake.close();
});

async function generate(): Promise<Job> {
  const answer = await core.invoke('jobs.create', {
    targets: [{ providerId: 'qr', model: 'gpt-image-1' }],
    prompt: 'a kite',
    size: '1024x1024',
  });
  if (!answer.ok) throw new Error(answer.error.message);
  return core.jobs.waitFor((answer.value as { jobs: Job[] }).jobs[0]!.id);
}

const resultColumn = (id: string) =>
  core.db.prepare('SELECT result FROM jobs WHERE id = ?').pluck().get(id) as string | null;

describe('inline answers', () => {
  it('never write their image data into the jobs row while an intake slot is free', async () => {
    const written: number[] = [];
    core.events.subscribe((event, payload) => {
      const job = payload as Job;
      if (event === 'jobs.changed' && job.status === 'downloading') written.push(resultColumn(job.id)?.length ?? 0);
    });
    const job = await generate();
    expect(job.status).toBe('done');
    expect(job.imageIds).toHaveLength(1);
    // The answer's facts are kept (a few hundred characters), not its ~1.4 MB of base64.
    expect(written).toHaveLength(1);
    expect(written[0]).toBeGreaterThan(0);
    expect(written[0]).toBeLessThan(2000);
    expect(core.library.get(job.imageIds[0]!).width).toBe(1024);
  });

  /** The row as it stands when the process died during the intake: downloading, the answer's facts, no data. */
  function asIfKilledDuringIntake(job: Job): void {
    core.db.prepare('DELETE FROM images WHERE job_id = ?').run(job.id);
    core.db
      .prepare("UPDATE jobs SET status = 'downloading', image_ids = '[]', finished_at = NULL WHERE id = ?")
      .run(job.id);
  }

  it('a paid inline answer lost with the process ends interrupted, saying it may have been charged; only Retry sends it again', async () => {
    const job = await generate();
    // The engine lets go of a job just after announcing its end.
    await new Promise((resolve) => setTimeout(resolve, 20));
    asIfKilledDuringIntake(job);
    const sent = fake.requests.length;
    expect(core.jobs.resume()).not.toContain(job.id);
    const ended = core.jobs.get(job.id);
    expect(ended.status).toBe('interrupted');
    expect(ended.error).toEqual({ code: 'unavailable', message: expect.stringMatching(/may have charged for it/) });
    expect(fake.requests.length).toBe(sent);
    // The user's Retry sends it anew (the answer cannot be fetched again), and it lands.
    core.jobs.retry(job.id);
    const retried = await core.jobs.waitFor(job.id);
    expect(retried.status).toBe('done');
    expect(fake.requests.length).toBe(sent + 1);
  });

  it('a free local answer lost with the process is simply rendered again on resume', async () => {
    const answer = await core.invoke('jobs.create', { targets: [builtInTarget], prompt: 'a kite' });
    if (!answer.ok) throw new Error(answer.error.message);
    const job = await core.jobs.waitFor((answer.value as { jobs: Job[] }).jobs[0]!.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    asIfKilledDuringIntake(job);
    expect(core.jobs.resume()).toContain(job.id);
    const ended = await core.jobs.waitFor(job.id);
    expect(ended.status).toBe('done');
    expect(ended.imageIds).toHaveLength(1);
  });
});
