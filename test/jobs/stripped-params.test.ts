// A job records what was sent (issue 11, point 6): ImageRouter strips every field but prompt, model,
// response_format, quality, size and output_format, so a job asking for another is refused before anything is written
// or sent, and a job it takes records only what reached the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;
beforeAll(async () => {
  fake = await startFakeProvider({ key: jobKey });
  core = await openCore(tempLibrary());
  await addProviders(core, fake.baseUrl);
  await core.invoke('models.list', { providerId: 'ir', refresh: true });
});
afterAll(async () => {
  await core.close();
  await fake.close();
});

const target = { providerId: 'ir', model: 'openai/gpt-image-1' };

describe('ImageRouter jobs record what was sent', () => {
  it('refuses a field ImageRouter would strip, before a job is written or a request sent', async () => {
    const sent = fake.requests.length;
    const answer = await core.invoke('jobs.create', {
      targets: [target],
      prompt: 'x',
      params: { background: 'transparent' },
    });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatchObject({
      code: 'invalid_input',
      details: { kind: 'option_not_taken', option: 'background' },
    });
    expect(core.jobs.list({})).toHaveLength(0);
    expect(fake.requests.length).toBe(sent);
  });

  it('a job it takes sends and records the same fields', async () => {
    const answer = await core.invoke('jobs.create', {
      targets: [target],
      prompt: 'x',
      quality: 'high',
      size: '1024x1024',
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const job = await core.jobs.waitFor((answer.value as { jobs: Job[] }).jobs[0]!.id);
    expect(job.status).toBe('done');
    const wire = fake.requests.findLast((request) => request.route === 'imagerouter.generations')!.json;
    expect(wire).toEqual({ model: 'openai/gpt-image-1', prompt: 'x', quality: 'high', size: '1024x1024' });
    expect(job.params).toEqual({ quality: 'high', size: '1024x1024' });
  });
});
