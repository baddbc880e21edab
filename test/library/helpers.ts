// Real files in a temp folder, a real SQLite database, real sharp: what the library tests build on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { migrations } from '../../electron/core/db/migrations';
import { type Db, openDatabase } from '../../electron/core/db/open';
import type { ChangeReason } from '../../electron/core/library/context';
import { createLibrary, type Library } from '../../electron/core/library/library';

export function tempDir(prefix = 'atelier-lib-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestLibrary {
  dir: string;
  db: Db;
  library: Library;
  changes: Array<{ reason: ChangeReason; ids: string[] }>;
  close(): void;
}

export function openTestLibrary(dir = tempDir(), now?: () => number): TestLibrary {
  const db = openDatabase(join(dir, 'atelier.db'), { migrations });
  const changes: TestLibrary['changes'] = [];
  const library = createLibrary({ db, libraryDir: dir, now, onChange: (reason, ids) => changes.push({ reason, ids }) });
  return {
    dir,
    db,
    library,
    changes,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A solid-colour image; `seed` changes the colour so each call can give different bytes. */
export function solidImage(
  format: 'png' | 'jpeg' | 'webp' | 'gif' | 'avif' | 'tiff',
  width = 64,
  height = 48,
  seed = 0,
): Promise<Buffer> {
  const background = { r: (seed * 37) % 256, g: (seed * 91 + 40) % 256, b: (seed * 53 + 80) % 256 };
  return sharp({ create: { width, height, channels: 3, background } })
    .toFormat(format)
    .toBuffer();
}

/** Random pixels: compresses badly, so a truncated copy really lacks image data. */
export function noisyPng(width = 128, height = 128): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let index = 0; index < pixels.length; index++) pixels[index] = (index * 7919 + (index >> 5) * 104729) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A valid 1-bit greyscale PNG of any size, built by hand so a 20000×20000 one costs ~50 kB and no encode. */
export function hugePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crcOf(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crcOf(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A 24-bit BMP written by hand (sharp cannot write BMP). */
export function bmpImage(width: number, height: number, rgb: [number, number, number]): Buffer {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + rowSize * height, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(rowSize * height, 34);
  const pixels = Buffer.alloc(rowSize * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = y * rowSize + x * 3;
      pixels[offset] = rgb[2];
      pixels[offset + 1] = rgb[1];
      pixels[offset + 2] = rgb[0];
    }
  }
  return Buffer.concat([header, pixels]);
}
