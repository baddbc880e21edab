// A fal or Replicate submit whose answer was lost with the process (issue 11, points 4 and 12): the request was sent
// (status submitted) but no request id was stored to look it up by, so sending it again may pay twice. Resume marks
// it interrupted for the user's word, as a synchronous call; the free local provider's is simply sent again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInTarget } from '../../shared/presets';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;
beforeAll(async () => {
  fake = await startFakeProvider({ key: jobKey, replicateSteps: 0, falSteps: { queued: 0, inProgress: 0 } });
  core = await openCore(tempLibrary());
  await addProviders(core, fake.baseUrl);
});
afterAll(async () => {
  await core.close();
  await fake.close();
});

/** A finished job's row put back as the process left it when killed during the submit. */
function asIfKilledDuringSubmit(id: string): void {
  core.db.prepare('DELETE FROM images WHERE job_id = ?').run(id);
  core.db
    .prepare(
      "UPDATE jobs SET status = 'submitted', remote = NULL, result = NULL, image_ids = '[]', finished_at = NULL WHERE id = ?",
    )
    .run(id);
}

async function finished(target: { providerId: string; model: string }) {
  const { jobs } = await core.jobs.create({ targets: [target], prompt: `lost ${target.model}` });
  const job = await core.jobs.waitFor(jobs[0]!.id);
  expect(job.status).toBe('done');
  await new Promise((resolve) => setTimeout(resolve, 20));
  return job;
}

const submits = () =>
  fake.requests.filter((request) => request.method === 'POST' && /fal|replicate/.test(request.route)).length;

describe('a submit lost with the process', () => {
  it.each([
    ['fal', { providerId: 'fal', model: 'fal-ai/flux-1/dev' }],
    ['Replicate', { providerId: 'rep', model: 'black-forest-labs/flux-kontext-max' }],
  ])('to %s ends interrupted, saying it may have been charged, and is not sent again', async (_name, target) => {
    const job = await finished(target);
    asIfKilledDuringSubmit(job.id);
    const sent = submits();
    expect(core.jobs.resume()).not.toContain(job.id);
    const after = core.jobs.get(job.id);
    expect(after.status).toBe('interrupted');
    expect(after.error?.message).toMatch(/may have made \(and charged\) the image/);
    expect(submits()).toBe(sent);
  });

  it('to the local provider is sent again (it costs nothing)', async () => {
    const job = await finished(builtInTarget);
    asIfKilledDuringSubmit(job.id);
    expect(core.jobs.resume()).toContain(job.id);
    expect((await core.jobs.waitFor(job.id)).status).toBe('done');
  });
});
