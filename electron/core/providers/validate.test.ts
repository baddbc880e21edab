// Validation before sending: each rule answers with a message a user can act on.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { findModel, genericModel } from './catalog';
import { assertValidRequest, validateRequest } from './validate';
import { maxInputFileBytes } from '../../../shared/limits';
import type { ImageRequest } from './types';
import { paintedMask, solidPng } from '../../../test/providers/helpers';

const messages = async (preset: Parameters<typeof findModel>[0], request: ImageRequest) =>
  (await validateRequest(findModel(preset, request.model), request)).map((issue) => issue.message);

describe('validation', () => {
  it('accepts a valid gpt-image-1 edit with a mask of the same size', async () => {
    const image = { bytes: await solidPng(32, 32), mimeType: 'image/png' };
    const mask = { bytes: await paintedMask(32, 32, { left: 0, top: 0, width: 8, height: 8 }), mimeType: 'image/png' };
    expect(
      await messages('openai', {
        model: 'gpt-image-1',
        prompt: 'x',
        size: '1024x1024',
        quality: 'high',
        images: [image],
        mask,
      }),
    ).toEqual([]);
  });

  it('prompt length per model: dall-e-2 1000, dall-e-3 4000, gpt-image-1 32000', async () => {
    expect(await messages('openai', { model: 'dall-e-2', prompt: 'a'.repeat(1001) })).toEqual([
      'The prompt is 1001 characters; dall-e-2 accepts at most 1000. Shorten it.',
    ]);
    expect(await messages('openai', { model: 'dall-e-3', prompt: 'a'.repeat(4000) })).toEqual([]);
    expect(await messages('openai', { model: 'gpt-image-1', prompt: 'a'.repeat(32001) })).toHaveLength(1);
    expect(await messages('openai', { model: 'dall-e-2', prompt: '   ' })).toEqual([
      'Write a prompt: describe the image you want.',
    ]);
  });

  it('flux-1 prompt limit follows seed 000 (1000 characters) (unsure)', async () => {
    expect(await messages('quickrouter', { model: 'flux-1', prompt: 'a'.repeat(1001) })).toHaveLength(1);
  });

  it('n range: dall-e-3 makes exactly one image, others 1–10', async () => {
    expect(await messages('openai', { model: 'dall-e-3', prompt: 'x', n: 2 })).toEqual([
      'dall-e-3 makes exactly 1 image(s) per request; you asked for 2.',
    ]);
    expect(await messages('openai', { model: 'dall-e-2', prompt: 'x', n: 11 })).toEqual([
      'dall-e-2 makes 1 to 10 image(s) per request; you asked for 11.',
    ]);
  });

  it('sizes and aspect ratios the model accepts', async () => {
    expect(await messages('openai', { model: 'dall-e-3', prompt: 'x', size: '512x512' })).toEqual([
      'dall-e-3 does not take the size 512x512. Choose one of: 1024x1024, 1792x1024, 1024x1792.',
    ]);
    expect(await messages('quickrouter', { model: 'flux-kontext-pro', prompt: 'x', aspectRatio: '5:4' })).toEqual([
      'flux-kontext-pro does not take 5:4. Choose one of: 21:9, 16:9, 4:3, 3:2, 1:1, 2:3, 3:4, 9:16, 9:21.',
    ]);
    expect(await messages('openai', { model: 'gpt-image-1', prompt: 'x', aspectRatio: '1:1' })).toEqual([
      'gpt-image-1 takes no aspect ratio. Choose a size instead.',
    ]);
    expect(await messages('openai', { model: 'dall-e-3', prompt: 'x', quality: 'high' })).toEqual([
      'dall-e-3 does not take the quality "high". Choose one of: hd, standard.',
    ]);
  });

  it('edit and mask support, and the input image count', async () => {
    const image = { bytes: await solidPng(16, 16), mimeType: 'image/png' };
    const mask = { bytes: await paintedMask(16, 16, { left: 0, top: 0, width: 4, height: 4 }), mimeType: 'image/png' };
    expect(await messages('openai', { model: 'dall-e-3', prompt: 'x', images: [image] })).toEqual([
      'dall-e-3 cannot edit images. Remove the input image or choose a model that edits.',
    ]);
    expect(await messages('quickrouter', { model: 'flux-kontext-max', prompt: 'x', images: [image], mask })).toEqual([
      'flux-kontext-max does not take a mask. Clear the mask, or choose a model that inpaints (e.g. gpt-image-1).',
    ]);
    expect(await messages('openai', { model: 'dall-e-2', prompt: 'x', images: [image, image] })).toEqual([
      'dall-e-2 takes at most 1 input image(s); you gave 2. Remove some.',
    ]);
  });

  it('file type and the 25 MB limit', async () => {
    const text = { bytes: Buffer.from('not an image at all'), mimeType: 'image/png' };
    expect(await messages('openai', { model: 'gpt-image-1', prompt: 'x', images: [text] })).toEqual([
      'Input image 1 is not a PNG, JPEG or WebP image. Convert it and try again.',
    ]);
    const huge = { bytes: Buffer.alloc(26 * 1024 * 1024), mimeType: 'image/png' };
    expect(await messages('openai', { model: 'gpt-image-1', prompt: 'x', images: [huge] })).toEqual([
      'Input image 1 is 26.0 MB; the limit is 25 MB. Use a smaller or compressed file.',
    ]);
  });

  it('a mask of another size is refused with a scale fix, and accepted when scaling is asked', async () => {
    const image = { bytes: await solidPng(32, 32), mimeType: 'image/png' };
    const mask = { bytes: await paintedMask(16, 16, { left: 0, top: 0, width: 4, height: 4 }), mimeType: 'image/png' };
    const model = findModel('openai', 'gpt-image-1');
    const issues = await validateRequest(model, { model: 'gpt-image-1', prompt: 'x', images: [image], mask });
    expect(issues).toEqual([
      {
        field: 'mask',
        message: 'The mask is 16×16 but the image is 32×32. Scale the mask to the image.',
        details: { kind: 'mask_size_mismatch', maskWidth: 16, maskHeight: 16, width: 32, height: 32 },
        fix: 'scale_mask',
      },
    ]);
    expect(
      await validateRequest(model, { model: 'gpt-image-1', prompt: 'x', images: [image], mask, scaleMask: true }),
    ).toEqual([]);
  });

  it('an unknown model is held only to the shared rules', async () => {
    const model = genericModel('openai-compatible', 'acme/new-model');
    expect(
      await validateRequest(model, {
        model: model.id,
        prompt: 'x',
        aspectRatio: '5:4',
        quality: 'ultra',
        size: '800x600',
      }),
    ).toEqual([]);
    expect((await validateRequest(model, { model: model.id, prompt: 'x', size: 'big' }))[0]!.message).toBe(
      '"big" is not a size. Write it as WIDTHxHEIGHT, e.g. 1024x1024, or auto.',
    );
  });

  it('assertValidRequest throws invalid_input with every issue attached', async () => {
    const error = (await assertValidRequest(findModel('openai', 'dall-e-3'), {
      model: 'dall-e-3',
      prompt: '',
      n: 3,
    }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Write a prompt: describe the image you want. (and 1 more problem)');
    expect((error.details as { issues: unknown[] }).issues).toHaveLength(2);
    // The first issue's facts ride along, so the page can say it in the user's language.
    expect(error.details).toMatchObject({ kind: 'prompt_empty' });
  });

  it('each common refusal carries its kind and the numbers its sentence needs', async () => {
    const image = { bytes: await solidPng(8, 8), mimeType: 'image/png' };
    const details = async (preset: Parameters<typeof findModel>[0], request: ImageRequest) =>
      (await validateRequest(findModel(preset, request.model), request)).map((issue) => issue.details);
    expect(await details('openai', { model: 'dall-e-2', prompt: 'a'.repeat(1001) })).toEqual([
      { kind: 'prompt_too_long', model: 'dall-e-2', limit: 1000, actual: 1001 },
    ]);
    expect(await details('openai', { model: 'dall-e-2', prompt: 'x', images: [image, image] })).toEqual([
      { kind: 'too_many_images', model: 'dall-e-2', limit: 1, actual: 2 },
    ]);
    expect(await details('openai', { model: 'dall-e-3', prompt: 'x', size: '512x512' })).toEqual([
      {
        kind: 'size_not_offered',
        model: 'dall-e-3',
        size: '512x512',
        choices: ['1024x1024', '1792x1024', '1024x1792'],
      },
    ]);
    const huge = { bytes: Buffer.alloc(maxInputFileBytes + 1), mimeType: 'image/png' };
    expect(await details('openai', { model: 'gpt-image-1', prompt: 'x', images: [huge] })).toEqual([
      { kind: 'file_too_large', limit: maxInputFileBytes, actual: maxInputFileBytes + 1 },
    ]);
  });

  describe('OpenAI GPT image options (openai-node src/resources/images.ts)', () => {
    const kinds = async (request: ImageRequest) =>
      (await validateRequest(findModel('openai', request.model), request)).map((issue) => issue.details);

    it('gpt-image-1-mini and gpt-image-1.5 are built in with gpt-image-1’s sizes and qualities', () => {
      for (const id of ['gpt-image-1-mini', 'gpt-image-1.5']) {
        const model = findModel('openai', id);
        expect(model.source).toBe('builtin');
        expect(model.sizes).toEqual(['1024x1024', '1536x1024', '1024x1536', 'auto']);
        expect(model.qualities).toEqual(['auto', 'high', 'medium', 'low']);
      }
    });

    it('a transparent background needs png or webp (png is the default)', async () => {
      const base = { model: 'gpt-image-1', prompt: 'x', extra: { background: 'transparent' } };
      expect(await kinds(base)).toEqual([]);
      expect(await kinds({ ...base, outputFormat: 'webp' })).toEqual([]);
      expect(await kinds({ ...base, outputFormat: 'jpeg' })).toEqual([
        { kind: 'transparent_needs_format', model: 'gpt-image-1', format: 'jpeg', choices: ['png', 'webp'] },
      ]);
      expect(await kinds({ ...base, extra: { background: 'clear' } })).toEqual([
        {
          kind: 'option_not_offered',
          model: 'gpt-image-1',
          option: 'background',
          value: 'clear',
          choices: ['auto', 'opaque', 'transparent'],
        },
      ]);
    });

    it('output_compression is 0–100 and for jpeg or webp only', async () => {
      const base = { model: 'gpt-image-1.5', prompt: 'x', outputFormat: 'jpeg' };
      expect(await kinds({ ...base, extra: { output_compression: 0 } })).toEqual([]);
      expect(await kinds({ ...base, extra: { output_compression: 100 } })).toEqual([]);
      expect(await kinds({ ...base, extra: { output_compression: 101 } })).toEqual([
        { kind: 'compression_out_of_range', model: 'gpt-image-1.5', min: 0, max: 100, actual: '101' },
      ]);
      expect(await kinds({ ...base, outputFormat: 'png', extra: { output_compression: 50 } })).toEqual([
        { kind: 'compression_needs_format', model: 'gpt-image-1.5', format: 'png', choices: ['jpeg', 'webp'] },
      ]);
    });

    it('moderation on generations only; input_fidelity on edits, not on -mini', async () => {
      const image = { bytes: await solidPng(16, 16), mimeType: 'image/png' };
      expect(await kinds({ model: 'gpt-image-1', prompt: 'x', extra: { moderation: 'low' } })).toEqual([]);
      expect(await kinds({ model: 'gpt-image-1', prompt: 'x', images: [image], extra: { moderation: 'low' } })).toEqual(
        [{ kind: 'moderation_on_edit', model: 'gpt-image-1' }],
      );
      expect(
        await kinds({ model: 'gpt-image-1', prompt: 'x', images: [image], extra: { input_fidelity: 'high' } }),
      ).toEqual([]);
      expect(
        await kinds({ model: 'gpt-image-1-mini', prompt: 'x', images: [image], extra: { input_fidelity: 'high' } }),
      ).toEqual([{ kind: 'option_not_taken', model: 'gpt-image-1-mini', option: 'input_fidelity' }]);
      expect(await kinds({ model: 'dall-e-3', prompt: 'x', extra: { background: 'opaque' } })).toEqual([
        { kind: 'option_not_taken', model: 'dall-e-3', option: 'background' },
      ]);
    });

    it('a dall-e-2 edit takes one square PNG under 4 MB', async () => {
      const square = { bytes: await solidPng(16, 16), mimeType: 'image/png' };
      expect(await kinds({ model: 'dall-e-2', prompt: 'x', images: [square] })).toEqual([]);
      const wide = { bytes: await solidPng(32, 16), mimeType: 'image/png' };
      expect(await kinds({ model: 'dall-e-2', prompt: 'x', images: [wide] })).toEqual([
        { kind: 'edit_image_not_square', model: 'dall-e-2', width: 32, height: 16 },
      ]);
      const jpeg = { bytes: await sharp(square.bytes).jpeg().toBuffer(), mimeType: 'image/jpeg' };
      expect(await kinds({ model: 'dall-e-2', prompt: 'x', images: [jpeg] })).toEqual([
        { kind: 'edit_image_not_png', model: 'dall-e-2' },
      ]);
      // Noise does not compress: a 1200² RGB PNG of it is over 4 MB.
      const noisy = await sharp(randomBytes(1200 * 1200 * 3), { raw: { width: 1200, height: 1200, channels: 3 } })
        .png()
        .toBuffer();
      const [issue] = await kinds({
        model: 'dall-e-2',
        prompt: 'x',
        images: [{ bytes: noisy, mimeType: 'image/png' }],
      });
      expect(issue).toEqual({
        kind: 'edit_image_too_large',
        model: 'dall-e-2',
        limit: 4 * 1024 * 1024,
        actual: noisy.length,
      });
    });
  });
});
