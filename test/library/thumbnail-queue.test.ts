import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

async function png(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: { r: seed, g: 90, b: 160 } } })
    .png()
    .toBuffer();
}

describe('thumbnails made later (job results)', () => {
  it('stores the image at once and makes its thumbnails in the background', async () => {
    core = await createCore({ libraryDir: mkdtempSync(join(tmpdir(), 'atelier-thumbq-')), transport: 'test' });
    const image = await core.library.addImage(
      { bytes: await png(10), source: 'generated', prompt: 'later' },
      { thumbnails: 'later' },
    );
    expect(existsSync(image.path)).toBe(true);
    expect(existsSync(image.thumbPath)).toBe(false);
    await core.library.drainThumbnails();
    expect(existsSync(image.thumbPath)).toBe(true);
    expect((await core.library.check({ repair: false })).ok).toBe(true);
  });

  it('serves a thumbnail asked for before the background got to it', async () => {
    core = await createCore({ libraryDir: mkdtempSync(join(tmpdir(), 'atelier-thumbq-')), transport: 'test' });
    const image = await core.library.addImage({ bytes: await png(20), source: 'generated' }, { thumbnails: 'later' });
    const media = await core.media(`/media/${image.id}/thumb256`);
    expect(media?.mime).toBe('image/webp');
    const meta = await sharp(media!.path).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(256);
  });

  it('waits until results stop arriving before it starts, then makes them all', async () => {
    core = await createCore({ libraryDir: mkdtempSync(join(tmpdir(), 'atelier-thumbq-')), transport: 'test' });
    const images = [];
    for (let index = 0; index < 3; index++)
      images.push(
        await core.library.addImage({ bytes: await png(30 + index), source: 'generated' }, { thumbnails: 'later' }),
      );
    expect(images.some((image) => existsSync(image.thumbPath))).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await core.library.drainThumbnails();
    expect(images.every((image) => existsSync(image.thumbPath))).toBe(true);
  });
});
