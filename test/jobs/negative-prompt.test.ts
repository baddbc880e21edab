// The negative prompt (issue 14, point 3) end to end in the core: the local pattern is drawn from it (same inputs,
// same bytes; another negative prompt, another image), the adapters send it as `negative_prompt` to the fake fal and
// Replicate, the planner sends it only to a model that takes one, and the job, the image and the prompt history
// record what was sent.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { renderLocal } from '../../electron/core/providers/local';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor, solidPng } from '../providers/helpers';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;
beforeAll(async () => {
  fake = await startFakeProvider({ key: jobKey });
  core = await openCore(tempLibrary());
  await addProviders(core, fake.baseUrl);
});
afterAll(async () => {
  await core.close();
  await fake.close();
});

const local = { providerId: 'local', model: 'local/pattern' };

async function created(request: Record<string, unknown>): Promise<Job[]> {
  const answer = await core.invoke('jobs.create', request);
  if (!answer.ok) throw new Error(answer.error.message);
  const { jobs } = answer.value as { jobs: Job[] };
  return Promise.all(jobs.map((job) => core.jobs.waitFor(job.id)));
}

const bytesOf = (imageId: string) => readFileSync(core.library.get(imageId).path);

async function history(): Promise<Array<{ prompt: string; negativePrompt: string | null }>> {
  const answer = await core.invoke('library.promptHistory', {});
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as { prompts: Array<{ prompt: string; negativePrompt: string | null }> }).prompts;
}

describe('the local pattern is drawn from the negative prompt', () => {
  const request = { model: 'local/pattern', prompt: 'a lighthouse', size: '32x24', seed: 11 };
  const png = async (negativePrompt?: string) =>
    (await renderLocal({ ...request, ...(negativePrompt !== undefined && { negativePrompt }) })).images[0]!.bytes!;

  it('the same inputs give the same bytes; another negative prompt gives another image', async () => {
    expect((await png('fog')).equals(await png('fog'))).toBe(true);
    expect((await png('fog')).equals(await png('rain'))).toBe(false);
    expect((await png('fog')).equals(await png())).toBe(false);
  });

  it('without one (or a blank one) the image is the one it always was', async () => {
    expect((await png('')).equals(await png())).toBe(true);
  });

  it('an edit paints the masked area from it too', async () => {
    const image = { bytes: await solidPng(16, 16), mimeType: 'image/png' };
    const edit = async (negativePrompt: string) =>
      (await renderLocal({ ...request, size: undefined, images: [image], negativePrompt })).images[0]!.bytes!;
    expect((await edit('fog')).equals(await edit('fog'))).toBe(true);
    expect((await edit('fog')).equals(await edit('rain'))).toBe(false);
  });
});

describe('a job sends and records its negative prompt', () => {
  it('a local job: on the job, on the image (not in its params) and in the prompt history; sent again, same bytes', async () => {
    const [job] = await created({
      targets: [local],
      prompt: 'a quiet harbour',
      negativePrompt: 'boats',
      size: '16x16',
    });
    expect(job!.status).toBe('done');
    expect(job!.params.negativePrompt).toBe('boats');
    const image = core.library.get(job!.imageIds[0]!);
    expect(image.negativePrompt).toBe('boats');
    expect(image.params).not.toHaveProperty('negativePrompt');
    expect((await history())[0]).toEqual({ prompt: 'a quiet harbour', negativePrompt: 'boats' });

    const seed = Number(job!.params.seed);
    const [again] = await created({
      targets: [local],
      prompt: 'a quiet harbour',
      negativePrompt: 'boats',
      size: '16x16',
      seed,
    });
    expect(bytesOf(again!.imageIds[0]!).equals(bytesOf(image.id))).toBe(true);
    const [other] = await created({
      targets: [local],
      prompt: 'a quiet harbour',
      negativePrompt: 'gulls',
      size: '16x16',
      seed,
    });
    expect(bytesOf(other!.imageIds[0]!).equals(bytesOf(image.id))).toBe(false);
  });

  it('a fan-out sends it to the fal model that takes one and not to FLUX, which does not', async () => {
    const jobs = await created({
      targets: [
        { providerId: 'fal', model: 'fal-ai/fast-sdxl' },
        { providerId: 'fal', model: 'fal-ai/flux-1/dev' },
      ],
      prompt: 'a red fox',
      negativePrompt: 'blurry, text',
      size: '32x32',
    });
    expect(jobs.map((job) => job.status)).toEqual(['done', 'done']);
    const submitted = (path: string) =>
      fake.requests.findLast((request) => request.route === 'fal.submit' && request.path.endsWith(path))!
        .json as Record<string, unknown>;
    expect(submitted('/fal-ai/fast-sdxl')).toMatchObject({ prompt: 'a red fox', negative_prompt: 'blurry, text' });
    expect(submitted('/fal-ai/flux-1/dev')).not.toHaveProperty('negative_prompt');
    expect(jobs[0]!.params.negativePrompt).toBe('blurry, text');
    expect(jobs[1]!.params).not.toHaveProperty('negativePrompt');
    expect(core.library.get(jobs[1]!.imageIds[0]!).negativePrompt).toBeNull();
  });

  it('a target of its own may name its own negative prompt', async () => {
    const [job] = await created({
      targets: [{ ...local, negativePrompt: 'its own' }],
      prompt: 'a lantern',
      negativePrompt: 'the shared one',
      size: '16x16',
    });
    expect(job!.params.negativePrompt).toBe('its own');
  });

  it('a model that takes none is sent none, and the history records none', async () => {
    const [job] = await created({
      targets: [{ providerId: 'fal', model: 'fal-ai/flux-1/dev' }],
      prompt: 'a grey heron',
      negativePrompt: 'water',
      size: '32x32',
    });
    expect(job!.params).not.toHaveProperty('negativePrompt');
    expect((await history())[0]).toEqual({ prompt: 'a grey heron', negativePrompt: null });
  });

  it('the contract refuses a negative prompt that is not text', async () => {
    const answer = await core.invoke('jobs.create', { targets: [local], prompt: 'x', negativePrompt: 7 });
    expect(answer.ok).toBe(false);
  });
});

describe('the catalogue says which models take one', () => {
  it('a remote catalogue cached before the capability existed still reads, as taking none', async () => {
    const { negativePrompt: _absent, ...older }: Record<string, unknown> = {
      ...(await core.invoke('models.list', { providerId: 'local' }).then((answer) => {
        if (!answer.ok) throw new Error(answer.error.message);
        return (answer.value as { models: Array<Record<string, unknown>> }).models[0]!;
      })),
      id: 'vendor/older-model',
      protocol: 'openai-images',
      presets: ['imagerouter'],
      source: 'imagerouter',
    };
    core.db
      .prepare('INSERT INTO model_catalog_cache (provider_id, fetched_at, models) VALUES (?, ?, ?)')
      .run('ir', Date.now(), JSON.stringify([older]));
    const answer = await core.invoke('models.list', { providerId: 'ir' });
    if (!answer.ok) throw new Error(answer.error.message);
    const { models } = answer.value as { models: Array<{ id: string; negativePrompt: boolean }> };
    expect(models.find((model) => model.id === 'vendor/older-model')).toMatchObject({ negativePrompt: false });
  });
});

describe('the adapters name it as their APIs do', () => {
  it('Replicate: input.negative_prompt', async () => {
    const model = 'black-forest-labs/flux-kontext-max';
    const adapter = adapterFor(fake.baseUrl, 'replicate', model, { key: jobKey });
    await adapter.submit({ model, prompt: 'a moth', negativePrompt: 'dust' });
    const sent = fake.requests.findLast((request) => request.route === 'replicate.create')!.json as {
      input: Record<string, unknown>;
    };
    expect(sent.input).toMatchObject({ prompt: 'a moth', negative_prompt: 'dust' });
  });

  it('the fake fal, as fal, refuses one that is not a string', async () => {
    const answer = await fetch(`${fake.baseUrl}/fal-ai/fast-sdxl`, {
      method: 'POST',
      headers: { authorization: `Key ${jobKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x', negative_prompt: ['a', 'list'] }),
    });
    expect(answer.status).toBe(422);
  });
});
