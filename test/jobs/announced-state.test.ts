// Every announcement of a job carries exactly what its row says at that moment: the engine works out
// the job after a write instead of reading it back, so a field it forgets would show here as a
// difference between the event the renderer gets and the row `jobs get` reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;
/** Each jobs.changed payload next to the row read back the moment it was announced. */
let announced: Array<{ event: Job; row: Job }>;

beforeEach(async () => {
  fake = await startFakeProvider({ key: jobKey, falSteps: { queued: 2, inProgress: 1 }, replicateSteps: 1 });
  core = await openCore(tempLibrary());
  await addProviders(core, fake.baseUrl);
  announced = [];
  core.events.subscribe((event, payload) => {
    if (event === 'jobs.changed') announced.push({ event: payload as Job, row: core.jobs.get((payload as Job).id) });
  });
});
afterEach(async () => {
  await core.close();
  await fake.close();
});

async function run(payload: Record<string, unknown>): Promise<Job> {
  const answer = await core.invoke('jobs.create', payload);
  if (!answer.ok) throw new Error(answer.error.message);
  return core.jobs.waitFor((answer.value as { jobs: Job[] }).jobs[0]!.id);
}

describe('job announcements', () => {
  it('match the stored row through a multi-image job, a polled fal job, a Replicate job and a failure', async () => {
    fake.fault('openai.generations', { kind: 'status', status: 401 });
    const finished = [
      await run({
        targets: [{ providerId: 'local', model: 'local/pattern' }],
        prompt: 'two foxes',
        n: 2,
        size: '32x32',
        seed: 3,
      }),
      await run({ targets: [{ providerId: 'qr', model: 'fal-ai/flux-1/dev' }], prompt: 'a tiger eye', size: '80x60' }),
      await run({
        targets: [{ providerId: 'qr', model: 'black-forest-labs/flux-kontext-max' }],
        prompt: 'snow',
        aspectRatio: '1:1',
      }),
      await run({ targets: [{ providerId: 'qr', model: 'dall-e-3' }], prompt: 'refused' }),
    ];
    expect(finished.map((job) => job.status)).toEqual(['done', 'done', 'done', 'failed']);
    const statuses = new Set(announced.map(({ event }) => event.status));
    expect([...statuses].sort()).toEqual(['done', 'downloading', 'failed', 'queued', 'running', 'submitted']);
    for (const { event, row } of announced) expect(event).toEqual(row);
    // The two images of the first job: the first is announced before the job ends, both with its end.
    const first = announced.filter(({ event }) => event.id === finished[0]!.id).map(({ event }) => event);
    expect(first.map((job) => [job.status, job.imageIds.length])).toEqual([
      ['queued', 0],
      ['submitted', 0],
      ['downloading', 0],
      ['downloading', 1],
      ['done', 2],
    ]);
  });

  it('keeps an inline (base64) answer only until its image is in the library', async () => {
    const done = await run({
      targets: [{ providerId: 'qr', model: 'gpt-image-1' }],
      prompt: 'inline',
      size: '1024x1024',
    });
    expect(done.status).toBe('done');
    const stored = (id: string) =>
      JSON.parse(core.db.prepare('SELECT result FROM jobs WHERE id = ?').pluck().get(id) as string) as {
        images: object[];
      };
    // The answer's facts stay with the job; the megabytes of base64 went to the library as a file.
    expect(stored(done.id).images).toEqual([{}]);
    expect(core.library.get(done.imageIds[0]!)).toMatchObject({ width: 1024, height: 1024 });
    for (const { event, row } of announced) expect(event).toEqual(row);
  });
});
