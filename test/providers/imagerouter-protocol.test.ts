// ImageRouter as its server behaves (DaWe35/image-router): a mask is read by the provider serving the model, so its
// convention comes from the catalogue's provider list (providers.md §5), and every request field but prompt, model,
// response_format, quality, size and output_format is stripped (providers.md §6): the catalogue does not offer them,
// the adapter does not send them, and a check refuses them before a job could record them.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { modelInfoSchema, type ModelInfo } from '../../shared/contract/models';
import { createProviderAdapter } from '../../electron/core/providers/adapter';
import { fetchRemoteCatalog, findModel, mergeCatalog } from '../../electron/core/providers/catalog';
import { HttpClient } from '../../electron/core/http/client';
import { assertValidRequest } from '../../electron/core/providers/validate';
import type { ImageRequest } from '../../electron/core/providers/types';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { paintedMask, providerOn, solidPng, testKey } from './helpers';

let fake: FakeProvider;
let remote: ModelInfo[];
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey });
  remote = await fetchRemoteCatalog(new HttpClient({ provider: 'ImageRouter' }), 'imagerouter', fake.baseUrl, null);
});
afterAll(() => fake.close());

const model = (id: string) => findModel('imagerouter', id, remote);
const adapter = () =>
  createProviderAdapter({
    provider: providerOn(fake.baseUrl, 'imagerouter'),
    key: testKey,
    protocol: 'openai-images',
    remoteModels: remote,
    sleep: async () => {},
  });

/** The mask file the fake received last, read back as one value per pixel: alpha and lightness. */
async function sentMaskAt(x: number, y: number): Promise<{ alpha: number; light: number }> {
  const mask = fake.requests
    .findLast((request) => request.route === 'imagerouter.edits')!
    .files!.find((file) => file.field === 'mask[]')!;
  const { data, info } = await sharp(mask.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return { light: data[offset]!, alpha: data[offset + 3]! };
}

describe('ImageRouter masks follow the serving provider', () => {
  it('reads the convention from the providers each model lists: OpenAI alpha, others white, both or none unknown', () => {
    expect(model('openai/gpt-image-1').maskConvention).toBe('alpha');
    expect(model('black-forest-labs/FLUX-1-fill-dev').maskConvention).toBe('white-on-black');
    expect(model('acme/relay-inpaint').maskConvention).toBe('unknown');
    expect(model('someone/not-in-the-catalogue').maskConvention).toBe('unknown');
    for (const entry of mergeCatalog('imagerouter', remote)) expect(modelInfoSchema.parse(entry)).toEqual(entry);
  });

  it('sends white = edit to a Runware-served model and alpha 0 = edit to an OpenAI-served one', async () => {
    const image = { bytes: await solidPng(32, 32), mimeType: 'image/png' };
    const mask = { bytes: await paintedMask(32, 32, { left: 0, top: 0, width: 8, height: 8 }), mimeType: 'image/png' };
    const edit = (id: string): ImageRequest => ({ model: id, prompt: 'x', images: [image], mask });
    await adapter().submit(edit('black-forest-labs/FLUX-1-fill-dev'));
    expect(await sentMaskAt(2, 2)).toEqual({ light: 255, alpha: 255 });
    expect(await sentMaskAt(20, 20)).toEqual({ light: 0, alpha: 255 });
    await adapter().submit(edit('openai/gpt-image-1'));
    expect((await sentMaskAt(2, 2)).alpha).toBe(0);
    expect((await sentMaskAt(20, 20)).alpha).toBe(255);
  });
});

describe('ImageRouter keeps prompt, model, response_format, quality, size and output_format only', () => {
  const everything: ImageRequest = {
    model: 'openai/gpt-image-1',
    prompt: 'x',
    n: 2,
    size: '1024x1024',
    aspectRatio: '16:9',
    quality: 'high',
    outputFormat: 'png',
    seed: 5,
    extra: { background: 'transparent', moderation: 'low' },
  };

  it('the adapter sends nothing else, as JSON and as multipart', async () => {
    await adapter().submit(everything);
    const generation = fake.requests.findLast((request) => request.route === 'imagerouter.generations')!;
    expect(Object.keys(generation.json as object).sort()).toEqual([
      'model',
      'output_format',
      'prompt',
      'quality',
      'size',
    ]);
    await adapter().submit({ ...everything, images: [{ bytes: await solidPng(16, 16), mimeType: 'image/png' }] });
    const edit = fake.requests.findLast((request) => request.route === 'imagerouter.edits')!;
    expect(Object.keys(edit.fields!).sort()).toEqual(['model', 'output_format', 'prompt', 'quality', 'size']);
    expect(edit.files!.map((file) => file.field)).toEqual(['image[]']);
  });

  it('the catalogue offers none of the stripped parameters, for listed and unlisted models alike', () => {
    for (const entry of [model('openai/gpt-image-1'), model('test/test'), model('someone/not-in-the-catalogue')]) {
      expect(entry.n).toEqual({ min: 1, max: 1 });
      expect(entry.aspectRatios).toEqual([]);
    }
  });

  it('a check refuses a stripped option before a job could record it, naming the option', async () => {
    for (const [id, request] of [
      ['openai/gpt-image-1', { extra: { background: 'transparent' } }],
      ['someone/not-in-the-catalogue', { aspectRatio: '16:9' }],
      ['someone/not-in-the-catalogue', { n: 2 }],
    ] as const) {
      const error = await assertValidRequest(model(id), { model: id, prompt: 'x', ...request }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('invalid_input');
    }
    const refused = (await assertValidRequest(model('openai/gpt-image-1'), {
      model: 'openai/gpt-image-1',
      prompt: 'x',
      extra: { background: 'transparent' },
    }).catch((e: unknown) => e)) as AppError;
    expect(refused.details).toMatchObject({ kind: 'option_not_taken', option: 'background' });
    await expect(
      assertValidRequest(model('openai/gpt-image-1'), { model: 'openai/gpt-image-1', prompt: 'x', quality: 'high' }),
    ).resolves.toBeUndefined();
  });

  it('the fake strips likewise: n=2 makes one image', async () => {
    const answer = await fetch(`${fake.baseUrl}/v1/openai/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-image-1', prompt: 'x', n: 2 }),
    });
    expect(((await answer.json()) as { data: unknown[] }).data).toHaveLength(1);
  });
});

describe('moderation on edits follows the preset', () => {
  it('QuickRouter takes moderation on a gpt-image-1 edit (seed 001); OpenAI takes it on generations only', async () => {
    const edit: ImageRequest = {
      model: 'gpt-image-1',
      prompt: 'x',
      images: [{ bytes: await solidPng(16, 16), mimeType: 'image/png' }],
      extra: { moderation: 'low' },
    };
    await expect(assertValidRequest(findModel('quickrouter', 'gpt-image-1'), edit)).resolves.toBeUndefined();
    const refused = (await assertValidRequest(findModel('openai', 'gpt-image-1'), edit).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(refused.details).toMatchObject({ kind: 'moderation_on_edit' });
  });
});
