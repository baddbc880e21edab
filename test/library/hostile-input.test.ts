// Files that are broken, hostile or merely unusual: each is imported or refused with a reason a user
// understands (named by the format its first bytes show), none crashes or hangs the import, nothing
// half-written is left, and memory stays bounded while they pass.
import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noisyPng, openTestLibrary, solidImage, type TestLibrary } from './helpers';
import { pngChunk as chunk, pngWithText } from './metadata-fixtures';

let t: TestLibrary;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

/** A PNG header claiming a size, with a few bytes of image data: a bomb by its word alone. */
function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The same PNG with one bit of its image data flipped, so the IDAT's CRC no longer matches. */
async function pngWithBadCrc(): Promise<Buffer> {
  const png = Buffer.from(await noisyPng(32, 32));
  const idat = png.indexOf('IDAT', 8, 'latin1');
  png[idat + 20] = png[idat + 20]! ^ 0x01;
  return png;
}

/** A JPEG with stray bytes before a marker: libjpeg warns ("extraneous bytes") but every pixel decodes. */
async function jpegWithStrayBytes(): Promise<Buffer> {
  const jpeg = await solidImage('jpeg', 32, 32, 3);
  const dqt = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
  return Buffer.concat([jpeg.subarray(0, dqt), Buffer.from([0, 0, 0, 0]), jpeg.subarray(dqt)]);
}

/** A one-frame APNG: acTL and fcTL before the IDAT of an ordinary PNG. */
async function apng(): Promise<Buffer> {
  const png = await solidImage('png', 16, 16, 4);
  const idat = png.indexOf('IDAT', 8, 'latin1') - 4;
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(1, 0);
  const fctl = Buffer.alloc(26);
  fctl.writeUInt32BE(16, 4);
  fctl.writeUInt32BE(16, 8);
  fctl.writeUInt16BE(1, 22);
  fctl.writeUInt16BE(10, 24);
  return Buffer.concat([png.subarray(0, idat), chunk('acTL', actl), chunk('fcTL', fctl), png.subarray(idat)]);
}

async function importBytes(name: string, bytes: Buffer) {
  return t.library.importBuffers([{ name, bytes }]);
}

describe('decode policy and reasons', () => {
  it('finds damage in the last rows of a PNG and a JPEG a job answers: every pixel is decoded, at full size', async () => {
    // Noise, so the last tenth of each file is the last rows' data: a check that read the header alone (it passes
    // with sharp's metadata()) would store these files. A job's result is stored with its thumbnails later, so
    // this check is the only decode before it is kept. (A cut WebP is refused by its RIFF size, before any pixel.)
    const pixels = Buffer.alloc(512 * 384 * 3);
    for (let index = 0; index < pixels.length; index++) pixels[index] = (index * 7919 + (index >> 5) * 104729) % 251;
    const noise = sharp(pixels, { raw: { width: 512, height: 384, channels: 3 } });
    const files: Array<[Buffer, string]> = [
      [await noise.clone().png().toBuffer(), 'PNG'],
      [await noise.clone().jpeg({ quality: 95 }).toBuffer(), 'JPEG'],
    ];
    for (const [whole, format] of files) {
      const cut = whole.subarray(0, Math.floor(whole.length * 0.93));
      const add = (bytes: Buffer) => t.library.addImage({ bytes, source: 'generated' }, { thumbnails: 'later' });
      await expect(add(cut), format).rejects.toMatchObject({
        details: expect.objectContaining({ kind: 'image_data_damaged', format }),
      });
      await expect(add(whole), format).resolves.toMatchObject({ width: 512, height: 384 });
    }
    await t.library.drainThumbnails();
  });

  it('takes a JPEG whose every pixel decodes though the decoder warns', async () => {
    const result = await importBytes('photoshop.jpg', await jpegWithStrayBytes());
    expect(result.refused).toEqual([]);
    expect(result.imported).toHaveLength(1);
  });

  it('refuses damaged image data in plain words naming the format, and leaves no file behind', async () => {
    const cases: Array<[string, Buffer, Record<string, unknown>, RegExp]> = [
      ['bad-crc.png', await pngWithBadCrc(), { kind: 'image_data_damaged', format: 'PNG' }, /^This PNG is damaged/],
      [
        'cut.png',
        (await noisyPng(128, 128)).subarray(0, 1250),
        { kind: 'image_data_damaged', format: 'PNG' },
        /^This PNG is damaged/,
      ],
      [
        'header.png',
        Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 7)]),
        { kind: 'image_header_damaged', format: 'PNG' },
        /^This PNG is damaged: its header is invalid\.$/,
      ],
      ['empty.png', Buffer.alloc(0), { kind: 'file_empty' }, /empty/],
      ['notes.png', Buffer.from('These are my notes, not an image.\n'), { kind: 'not_an_image' }, /not an image/],
      [
        'script.svg',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        { kind: 'format_unsupported', format: 'SVG' },
        /SVG format is not supported/,
      ],
      ['bomb.png', pngClaiming(60000, 60000), { kind: 'too_many_pixels', width: 60000, height: 60000 }, /too large/],
    ];
    for (const [name, bytes, details, reason] of cases) {
      const first = await importBytes(name, bytes);
      const again = await importBytes(name, bytes);
      expect(first.refused, name).toEqual([
        { path: name, reason: expect.stringMatching(reason), details: expect.objectContaining(details) },
      ]);
      // The same words every run, never the decoder's own ("failOn"), never cut mid-word.
      expect(again.refused, name).toEqual(first.refused);
      expect(first.refused[0]!.reason, name).not.toMatch(/failOn|Vips|libspng|\($/);
    }
    // Nothing was written for any of them: no original, no thumbnail.
    expect(
      readdirSync(t.dir, { recursive: true }).filter((entry) => /\.(png|svg|webp|part)$/.test(String(entry))),
    ).toEqual([]);
  });
});

describe('hostile and unusual files', () => {
  it('imports or refuses each with a reason, without crashing, hanging or growing memory without bound', async () => {
    const before = process.resourceUsage().maxRSS;
    const folder = join(t.dir, '..', `${t.dir.split('/').pop()}-in`);
    mkdirSync(folder, { recursive: true });
    // A zTXt chunk that would inflate to 256 MB: read up to the cap, the image still imports.
    const bomb = await pngWithText([]);
    const bombChunk = chunk(
      'zTXt',
      Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(Buffer.alloc(256 * 1024 * 1024, 0x61))]),
    );
    const iend = bomb.length - 12;
    writeFileSync(
      join(folder, 'ztxt bomb.png'),
      Buffer.concat([bomb.subarray(0, iend), bombChunk, bomb.subarray(iend)]),
    );
    // A WebP with an 8 MB EXIF block.
    const webp = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } })
      .webp()
      .withExif({ IFD0: { ImageDescription: 'd'.repeat(8 * 1024 * 1024) } })
      .toBuffer();
    writeFileSync(join(folder, 'huge exif.webp'), webp);
    // A 200 MB file (sparse: no disk is spent), refused before it is read.
    const big = openSync(join(folder, 'big.png'), 'w');
    ftruncateSync(big, 200 * 1024 * 1024);
    closeSync(big);
    writeFileSync(
      join(folder, '16-bit.png'),
      await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
        .png()
        .toColourspace('rgb16')
        .toBuffer(),
    );
    writeFileSync(
      join(folder, 'cmyk.jpg'),
      await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff8800' } })
        .toColourspace('cmyk')
        .jpeg()
        .toBuffer(),
    );
    const frames = [await solidImage('png', 16, 16, 5), await solidImage('png', 16, 16, 6)];
    writeFileSync(
      join(folder, 'animated.gif'),
      await sharp(frames, { join: { animated: true } })
        .gif()
        .toBuffer(),
    );
    writeFileSync(
      join(folder, 'animated.webp'),
      await sharp(frames, { join: { animated: true } })
        .webp()
        .toBuffer(),
    );
    writeFileSync(join(folder, 'animated.apng'), await apng());
    writeFileSync(
      join(folder, 'photo.heic'),
      Buffer.concat([Buffer.from('\0\0\0\x18ftypheic', 'latin1'), Buffer.alloc(64)]),
    );
    writeFileSync(join(folder, 'ünï cødé ..  name\u0007.png'), await solidImage('png', 16, 16, 7));
    writeFileSync(join(folder, 'readme.txt'), 'notes');

    const result = await t.library.import([folder]);
    const name = (path: string) => path.split('/').pop();
    expect(result.imported.map((image) => image.originalName).sort()).toEqual(
      [
        '16-bit.png',
        'animated.apng',
        'animated.gif',
        'animated.webp',
        'cmyk.jpg',
        'huge exif.webp',
        'ztxt bomb.png',
        'ünï cødé ..  name\u0007.png',
      ].sort(),
    );
    expect(result.refused.map((refused) => [name(refused.path), refused.details?.kind])).toEqual([
      ['big.png', 'file_too_large'],
      ['photo.heic', 'format_unsupported'],
    ]);
    expect(result.skipped.map((skipped) => [name(skipped.path), skipped.details?.kind])).toEqual([
      ['readme.txt', 'file_passed_over'],
    ]);
    const bombed = result.imported.find((image) => image.originalName === 'ztxt bomb.png')!;
    expect(bombed.params).toBeNull();
    // maxRSS is in kilobytes: the 256 MB text and the 200 MB file were never held.
    expect((process.resourceUsage().maxRSS - before) / 1024).toBeLessThan(400);
  }, 60_000);

  it('reports a duplicate under the name the user gave, with the image it matched', async () => {
    const folder = join(t.dir, '..', `${t.dir.split('/').pop()}-dup`);
    mkdirSync(folder, { recursive: true });
    const bytes = await solidImage('png', 16, 16, 8);
    writeFileSync(join(folder, 'a.png'), bytes);
    const [first] = (await t.library.import([join(folder, 'a.png')])).imported;
    writeFileSync(join(folder, 'copy of a.png'), bytes);
    const again = await t.library.import([join(folder, 'copy of a.png')]);
    expect(again.duplicateFiles).toEqual([{ path: join(folder, 'copy of a.png'), imageId: first!.id }]);
  });
});
