// What the library's check makes of a result: the facts it reads from the file (format, displayed
// size, our own text chunk), and a refusal no second download can fix said as the library would say it.
import { afterEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { AppError } from '../../shared/errors';
import { HttpClient } from '../../electron/core/http/client';
import { checkImage } from '../../electron/core/library/check-image';
import { takeResultImage } from '../../electron/core/providers/download';
import { bmpImage, openTestLibrary, type TestLibrary } from '../library/helpers';

const http = new HttpClient({ provider: 'QuickRouter', sleep: async () => {} });
let t: TestLibrary | undefined;
afterEach(() => t?.close());

describe('download check', () => {
  it("the format, displayed size and text chunks reach the library with a job's image", async () => {
    const facts = JSON.stringify({ prompt: 'a quiet harbour', seed: 42 });
    // Stored 48×32 and turned a quarter by EXIF, so it displays 32×48.
    const png = await sharp({ create: { width: 48, height: 32, channels: 3, background: '#204060' } })
      .png()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    // A text chunk as our own exports carry: the `atelier` keyword with the generation facts.
    t = openTestLibrary();
    const library = t.library;
    const stored = await takeResultImage(
      http,
      { b64: addTextChunk(png, 'atelier', facts).toString('base64') },
      (bytes) => library.addImage({ bytes, source: 'generated' }, { thumbnails: 'later' }),
    );
    expect(stored).toMatchObject({ format: 'png', width: 32, height: 48, prompt: 'a quiet harbour', seed: 42 });
    expect(t.library.get(stored.id)).toEqual(stored);
  });

  it('takes a BMP result (decoded whole by the probe) and refuses an SVG as unsupported, not as damaged', async () => {
    const bmp = await takeResultImage(http, { b64: bmpImage(20, 10, [200, 10, 10]).toString('base64') }, checkImage);
    expect([bmp.format, bmp.width, bmp.height]).toEqual(['bmp', 20, 10]);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="red"/></svg>',
    );
    const error = (await takeResultImage(http, { b64: svg.toString('base64') }, checkImage).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe('The SVG format is not supported (PNG, JPEG, WebP, GIF, AVIF, TIFF and BMP are).');
  });
});

/** Inserts a tEXt chunk right after IHDR (PNG chunk: length, type, data, CRC over type and data). */
function addTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const body = Buffer.concat([Buffer.from('tEXt', 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  const afterHeader = 8 + 25;
  return Buffer.concat([png.subarray(0, afterHeader), length, body, crc, png.subarray(afterHeader)]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
