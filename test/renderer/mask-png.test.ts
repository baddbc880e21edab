// The page's own mask PNG, decoded by other encoders' readers: sharp (libspng) for the file, Node's zlib (which
// checks Adler-32) for the deflate stream, every chunk's CRC by Node's crc32; and read by the core as each
// provider family's wire mask.
import { crc32, inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toFluxFillMask, toOpenAiMask } from '../../electron/core/masks';
import { MaskBitmap } from '../../renderer/painter/mask';
import { greyPng } from '../../renderer/painter/png-grey';
import { fillRect } from '../../renderer/painter/tools';

/** Pseudo-random bytes from a fixed seed, so a failure can be replayed. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[index] = state >>> 24;
  }
  return out;
}

/** A mask as the brush leaves one: runs of 0 and 255, soft edges, a vertical band repeated row after row. */
function strokes(width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const band = Math.abs(x - width / 3);
      const diagonal = Math.abs(x - y * 1.7);
      const value = Math.max(255 - Math.max(0, band - 20) * 30, 255 - Math.max(0, diagonal - 9) * 45);
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  return out;
}

async function decoded(png: Uint8Array) {
  const meta = await sharp(png).metadata();
  const { data } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { meta, pixels: new Uint8Array(data) };
}

/** Every chunk with its CRC checked, and the zlib stream of the IDAT chunks inflated. */
function chunks(png: Uint8Array): { types: string[]; inflated: Uint8Array } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const types: string[] = [];
  const idat: Uint8Array[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    expect(view.getUint32(offset + 8 + length), `${type}'s CRC`).toBe(
      crc32(png.subarray(offset + 4, offset + 8 + length)),
    );
    types.push(type);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return { types, inflated: new Uint8Array(inflateSync(Buffer.concat(idat))) };
}

const cases: [string, number, number, Uint8Array][] = [
  ['one pixel', 1, 1, Uint8Array.of(200)],
  ['noise (literals only)', 301, 7, noise(301 * 7, 7)],
  ['all zero (runs longer than a match, across rows)', 1000, 255, new Uint8Array(1000 * 255)],
  ['all painted', 64, 64, new Uint8Array(64 * 64).fill(255)],
  ['brush strokes with soft edges', 517, 389, strokes(517, 389)],
  ['rows wider than the deflate window (no row matches)', 40_000, 3, strokes(40_000, 3)],
];

describe('the mask as a greyscale PNG', () => {
  it.each(cases)('%s: a valid 8-bit greyscale PNG that decodes to the same bytes', async (_, width, height, pixels) => {
    const png = greyPng(width, height, pixels);
    const { meta, pixels: back } = await decoded(png);
    expect([meta.format, meta.width, meta.height, meta.channels, meta.depth, meta.space]).toEqual([
      'png',
      width,
      height,
      1,
      'uchar',
      'b-w',
    ]);
    expect(Buffer.compare(back, pixels)).toBe(0);
    const { types, inflated } = chunks(png);
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    // Each row is its filter byte (0) and the row's pixels.
    expect(inflated.length).toBe((width + 1) * height);
    for (let y = 0; y < height; y++) expect(inflated[y * (width + 1)]).toBe(0);
  });

  it('a brush mask deflates well below its raw size', () => {
    const pixels = strokes(1024, 1024);
    expect(greyPng(1024, 1024, pixels).length).toBeLessThan(pixels.length / 20);
  });

  it('refuses pixels of another count', () => {
    expect(() => greyPng(4, 4, new Uint8Array(15))).toThrow(/4×4/);
  });

  it('the core turns it into each wire mask: painted from half coverage, at the same pixels', async () => {
    const size = { width: 40, height: 30 };
    const mask = new MaskBitmap(size.width, size.height);
    fillRect(mask, { x: 10, y: 5 }, { x: 30, y: 20 }, 'paint');
    mask.data[0] = 128; // a soft edge just at half coverage: painted
    mask.data[1] = 127; // just under: kept
    const png = Buffer.from(greyPng(size.width, size.height, new Uint8Array(mask.data)));
    const openAi = await sharp(await toOpenAiMask(png, size))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const flux = await sharp(await toFluxFillMask(png, size))
      .raw()
      .toBuffer({ resolveWithObject: true });
    for (let pixel = 0; pixel < mask.data.length; pixel++) {
      const painted = mask.data[pixel]! >= 128;
      expect(openAi.data[pixel * openAi.info.channels + 3], `alpha at ${pixel}`).toBe(painted ? 0 : 255);
      expect(flux.data[pixel * flux.info.channels], `FLUX grey at ${pixel}`).toBe(painted ? 255 : 0);
    }
  });
});
