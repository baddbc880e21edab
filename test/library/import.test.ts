import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedPngText } from '../../electron/core/library/metadata/png-text';
import { bmpImage, hugePng, noisyPng, openTestLibrary, solidImage, type TestLibrary } from './helpers';

let t: TestLibrary;
let inbox: string;
beforeEach(() => {
  t = openTestLibrary();
  inbox = join(t.dir, '..', `${t.dir.split('/').pop()}-inbox`);
  mkdirSync(inbox, { recursive: true });
});
afterEach(() => t.close());

function put(name: string, bytes: Buffer): string {
  const path = join(inbox, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

describe('import', () => {
  it('takes PNG, JPEG, WebP, GIF, AVIF, TIFF and BMP, with their size and format', async () => {
    const files = [
      put('a.png', await solidImage('png', 40, 30, 1)),
      put('b.jpg', await solidImage('jpeg', 41, 30, 2)),
      put('c.webp', await solidImage('webp', 42, 30, 3)),
      put('d.gif', await solidImage('gif', 43, 30, 4)),
      put('e.avif', await solidImage('avif', 44, 30, 5)),
      put('f.tiff', await solidImage('tiff', 45, 30, 6)),
      put('g.bmp', bmpImage(46, 30, [200, 10, 10])),
    ];
    const result = await t.library.import(files);
    expect(result.refused).toEqual([]);
    expect(result.imported.map((image) => [image.originalName, image.format, image.width, image.height])).toEqual([
      ['a.png', 'png', 40, 30],
      ['b.jpg', 'jpeg', 41, 30],
      ['c.webp', 'webp', 42, 30],
      ['d.gif', 'gif', 43, 30],
      ['e.avif', 'avif', 44, 30],
      ['f.tiff', 'tiff', 45, 30],
      ['g.bmp', 'bmp', 46, 30],
    ]);
    for (const image of result.imported) {
      expect(image.source).toBe('imported');
      const thumb = await sharp(image.thumbPath).metadata();
      expect(thumb.format).toBe('webp');
    }
    const bmpThumb = await sharp(result.imported[6]!.thumbPath).raw().toBuffer({ resolveWithObject: true });
    expect([...bmpThumb.data.subarray(0, 3)].map((value) => Math.round(value / 10))).toEqual([20, 1, 1]);
  });

  it('takes the first frame of an animated GIF', async () => {
    // Two 20×10 frames, white then black, stacked as one tall raw image split into pages.
    const frames = Buffer.concat([Buffer.alloc(20 * 10 * 4, 255), Buffer.alloc(20 * 10 * 4, 0)]);
    const animated = await sharp(frames, { raw: { width: 20, height: 20, channels: 4, pageHeight: 10 } } as never)
      .gif()
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);
    const [image] = (await t.library.import([put('anim.gif', animated)])).imported;
    expect(image).toMatchObject({ format: 'gif', width: 20, height: 10 });
    const thumb = await sharp(image!.thumbPath).raw().toBuffer();
    expect(thumb[0]).toBe(255);
  });

  it('applies EXIF orientation to the size and the thumbnails', async () => {
    const sideways = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#246' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const [image] = (await t.library.import([put('phone.jpg', sideways)])).imported;
    expect(image).toMatchObject({ width: 100, height: 300 });
    const thumb = await sharp(image!.thumbPath).metadata();
    expect([thumb.width, thumb.height]).toEqual([85, 256]);
  });

  it('reads prompt and parameters from a Stable Diffusion `parameters` chunk', async () => {
    const text =
      'a lighthouse at dusk, oil painting\nNegative prompt: blurry, text\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 424242, Size: 64x48, Model: sdxl_base, Lora hashes: "foo: 1, bar: 2"';
    const png = embedPngText(await solidImage('png'), { parameters: text });
    const [image] = (await t.library.import([put('sd.png', png)])).imported;
    expect(image).toMatchObject({
      prompt: 'a lighthouse at dusk, oil painting',
      negativePrompt: 'blurry, text',
      seed: 424242,
      model: 'sdxl_base',
      params: {
        Steps: 30,
        Sampler: 'DPM++ 2M Karras',
        'CFG scale': 6.5,
        Size: '64x48',
        'Lora hashes': 'foo: 1, bar: 2',
      },
    });
  });

  it('reads our own `atelier` chunk in preference, including non-Latin prompts', async () => {
    const ours = JSON.stringify({
      prompt: '一只在月光下的猫',
      params: { quality: 'high' },
      seed: 7,
      model: 'gpt-image-1',
      provider: 'quickrouter',
    });
    const png = embedPngText(await solidImage('png'), {
      atelier: ours,
      parameters: 'something else\nSteps: 1, Sampler: x, Seed: 1',
    });
    const [image] = (await t.library.import([put('ours.png', png)])).imported;
    expect(image).toMatchObject({
      prompt: '一只在月光下的猫',
      params: { quality: 'high' },
      seed: 7,
      model: 'gpt-image-1',
      provider: 'quickrouter',
    });
  });

  it('refuses a truncated image, an empty file, text named .png and a 20000×20000 PNG, and imports the good files beside them', async () => {
    const good1 = put('good-1.png', await solidImage('png', 32, 32, 11));
    const noisy = await noisyPng();
    const truncated = put('truncated.png', noisy.subarray(0, Math.floor(noisy.length / 2)));
    const empty = put('empty.png', Buffer.alloc(0));
    const text = put('notes.png', Buffer.from('these are my notes, not a picture\n'));
    const huge = put('huge.png', hugePng(20000, 20000));
    const good2 = put('good-2.jpg', await solidImage('jpeg', 32, 32, 12));
    const jpeg = await sharp(await noisyPng(256, 256))
      .jpeg()
      .toBuffer();
    const brokenJpeg = put('broken.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));

    const result = await t.library.import([good1, truncated, empty, text, huge, good2, brokenJpeg]);
    expect(result.imported.map((image) => image.originalName)).toEqual(['good-1.png', 'good-2.jpg']);
    const reasons = Object.fromEntries(result.refused.map((entry) => [entry.path.split('/').pop(), entry.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['broken.jpg', 'empty.png', 'huge.png', 'notes.png', 'truncated.png']);
    expect(reasons['truncated.png']).toMatch(/is damaged: its image data is corrupt or cut short/);
    expect(reasons['broken.jpg']).toMatch(/is damaged: its image data is corrupt or cut short/);
    expect(reasons['empty.png']).toMatch(/empty/);
    expect(reasons['notes.png']).toMatch(/not an image/);
    expect(reasons['huge.png']).toMatch(/20000×20000 = 400 megapixels; the limit is 100/);
    // Nothing of the refused files was kept.
    expect(t.db.prepare('SELECT count(*) FROM images').pluck().get()).toBe(2);
    expect((await t.library.check({ repair: false, graceMs: 0 })).ok).toBe(true);
  });

  it('refuses files over 50 MB without reading them', async () => {
    const big = put('big.png', Buffer.alloc(50 * 1024 * 1024 + 1));
    const result = await t.library.import([big]);
    expect(result.refused[0]!.reason).toMatch(/too large \(50\.0 MB; the limit is 50 MB\)/);
  });

  it('imports whole folders, passing over hidden files and non-image names, and names a missing path', async () => {
    put('trip/day1/a.png', await solidImage('png', 10, 10, 21));
    put('trip/day2/b.webp', await solidImage('webp', 10, 10, 22));
    put('trip/readme.txt', Buffer.from('notes'));
    put('trip/.DS_Store', Buffer.from('junk'));
    const result = await t.library.import([join(inbox, 'trip'), join(inbox, 'nowhere.png')]);
    expect(result.imported.map((image) => image.originalName)).toEqual(['a.png', 'b.webp']);
    expect(result.refused).toEqual([
      { path: join(inbox, 'nowhere.png'), reason: expect.stringMatching(/does not exist/) },
    ]);
    expect(t.changes).toContainEqual({ reason: 'added', ids: result.imported.map((image) => image.id) });
  });

  it('reports the same file imported twice as a duplicate, and brings a trashed one back', async () => {
    const file = put('once.png', await solidImage('png', 10, 10, 31));
    const [first] = (await t.library.import([file])).imported;
    const again = await t.library.import([file]);
    expect(again.imported).toEqual([]);
    expect(again.duplicates.map((image) => image.id)).toEqual([first!.id]);
    t.library.trash([first!.id]);
    const third = await t.library.import([file]);
    expect(third.duplicates[0]).toMatchObject({ id: first!.id, trashedAt: null });
  });
});
