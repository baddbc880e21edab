// GPT image options against the strict fake (it refuses unknown fields as OpenAI does): what the catalogue offers
// reaches the wire under openai-node's names, and what OpenAI would refuse is refused here before anything is sent
// (the engine runs assertValidRequest before submit, electron/core/jobs/engine.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { findModel } from '../../electron/core/providers/catalog';
import { assertValidRequest } from '../../electron/core/providers/validate';
import type { ImageRequest } from '../../electron/core/providers/types';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor, solidPng, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey });
});
afterAll(() => fake.close());

/** As the engine sends a job: checked first, then submitted. */
async function send(request: ImageRequest) {
  await assertValidRequest(findModel('openai', request.model), request);
  return adapterFor(fake.baseUrl, 'openai', request.model).submit(request);
}

describe('GPT image options on the wire', () => {
  it('a generation carries background, output_compression and moderation as openai-node names them', async () => {
    const since = fake.requests.length;
    const result = await send({
      model: 'gpt-image-1-mini',
      prompt: 'a fox',
      outputFormat: 'webp',
      extra: { background: 'transparent', output_compression: 80, moderation: 'low' },
    });
    expect(result.kind).toBe('done');
    const [request] = fake.requests.slice(since);
    expect(request!.json).toMatchObject({
      model: 'gpt-image-1-mini',
      output_format: 'webp',
      background: 'transparent',
      output_compression: 80,
      moderation: 'low',
    });
  });

  it('an edit carries input_fidelity for gpt-image-1.5', async () => {
    const since = fake.requests.length;
    const image = { bytes: await solidPng(16, 16), mimeType: 'image/png' };
    await send({ model: 'gpt-image-1.5', prompt: 'a hat', images: [image], extra: { input_fidelity: 'high' } });
    const [request] = fake.requests.slice(since);
    expect(request!.path).toBe('/v1/images/edits');
    expect(request!.fields).toMatchObject({ model: ['gpt-image-1.5'], input_fidelity: ['high'] });
  });

  it('what OpenAI refuses is refused before sending, with its kind', async () => {
    const square = { bytes: await solidPng(16, 16), mimeType: 'image/png' };
    const wide = { bytes: await solidPng(32, 16), mimeType: 'image/png' };
    const refused: [ImageRequest, string][] = [
      [
        { model: 'gpt-image-1', prompt: 'x', outputFormat: 'jpeg', extra: { background: 'transparent' } },
        'transparent_needs_format',
      ],
      [{ model: 'gpt-image-1', prompt: 'x', extra: { output_compression: 50 } }, 'compression_needs_format'],
      [{ model: 'gpt-image-1', prompt: 'x', images: [square], extra: { moderation: 'low' } }, 'moderation_on_edit'],
      [
        { model: 'gpt-image-1-mini', prompt: 'x', images: [square], extra: { input_fidelity: 'low' } },
        'option_not_taken',
      ],
      [{ model: 'dall-e-2', prompt: 'x', images: [wide] }, 'edit_image_not_square'],
    ];
    const since = fake.requests.length;
    for (const [request, kind] of refused) {
      const error = await send(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details).toMatchObject({ kind });
    }
    expect(fake.requests.length).toBe(since);
  });
});
