// The local provider: same prompt and seed give the same pixels; an edit changes only the painted area.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createLocalAdapter, renderLocal } from './local';
import { paintedMask, pixelAt, solidPng } from '../../../test/providers/helpers';

async function rawPixels(bytes: Buffer) {
  return sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

describe('local provider', () => {
  it('renders at the requested size', async () => {
    const result = await renderLocal({ model: 'local/pattern', prompt: 'a fox', size: '320x200', seed: 1 });
    const meta = await sharp(result.images[0]!.bytes!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 200]);
    expect(result.costUsd).toBe(0);
  });

  it('derives the size from an aspect ratio on a 1024 long side', async () => {
    const result = await renderLocal({ model: 'local/pattern', prompt: 'a fox', aspectRatio: '16:9' });
    expect([result.images[0]!.width, result.images[0]!.height]).toEqual([1024, 576]);
  });

  it('is deterministic: same prompt and seed give identical bytes; another seed or prompt differs', async () => {
    const make = (prompt: string, seed: number) =>
      renderLocal({ model: 'local/pattern', prompt, seed, size: '64x64' }).then((r) => r.images[0]!.bytes!);
    const a = await make('a fox', 3);
    expect((await make('a fox', 3)).equals(a)).toBe(true);
    expect((await make('a fox', 4)).equals(a)).toBe(false);
    expect((await make('a hen', 3)).equals(a)).toBe(false);
  });

  it('n images come out different from each other', async () => {
    const result = await renderLocal({ model: 'local/pattern', prompt: 'a fox', n: 2, size: '32x32' });
    expect(result.images[0]!.bytes!.equals(result.images[1]!.bytes!)).toBe(false);
  });

  it('an edit changes every painted pixel and no other', async () => {
    const input = await solidPng(64, 48, { r: 10, g: 200, b: 30 });
    const mask = await paintedMask(64, 48, { left: 16, top: 8, width: 24, height: 16 });
    const outcome = await createLocalAdapter().submit({
      model: 'local/pattern',
      prompt: 'paint a window',
      seed: 9,
      images: [{ bytes: input, mimeType: 'image/png' }],
      mask: { bytes: mask, mimeType: 'image/png' },
    });
    if (outcome.kind !== 'done') throw new Error('local renders finish at once');
    const before = await rawPixels(input);
    const after = await rawPixels(outcome.result.images[0]!.bytes!);
    expect([after.info.width, after.info.height]).toEqual([64, 48]);
    let changedInside = 0;
    let changedOutside = 0;
    for (let y = 0; y < 48; y++) {
      for (let x = 0; x < 64; x++) {
        const at = (y * 64 + x) * 3;
        const changed = before.data.compare(after.data, at, at + 3, at, at + 3) !== 0;
        const inside = x >= 16 && x < 40 && y >= 8 && y < 24;
        if (changed && inside) changedInside++;
        if (changed && !inside) changedOutside++;
      }
    }
    expect(changedOutside).toBe(0);
    expect(changedInside).toBe(24 * 16);
  });

  it('an edit without a mask changes the whole image visibly', async () => {
    const input = await solidPng(16, 16, { r: 0, g: 0, b: 0 });
    const result = await renderLocal({
      model: 'local/pattern',
      prompt: 'tint',
      images: [{ bytes: input, mimeType: 'image/png' }],
    });
    expect(await pixelAt(result.images[0]!.bytes!, 8, 8)).not.toEqual([0, 0, 0]);
  });
});
