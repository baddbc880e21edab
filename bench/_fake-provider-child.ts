// The fake provider for bench/jobs.ts, in a process of its own: it is a separate server on loopback anyway, and in
// the bench's own process its work (encoding each ≈4.4 MB b64_json answer, serving the URLs) ran on the main thread
// whose event-loop delay the bench measures. Answers photo-sized PNGs: a few noisy ones made once, each answer made
// unique by a tEXt chunk so the content-addressed library stores every one.
// Started by bench/jobs.ts with `node --import tsx bench/_fake-provider-child.ts`; prints one JSON line
// {baseUrl, pngBytes} on stdout when it listens, and stops when its stdin closes (the bench ended or died).
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { startFakeProvider } from '../test/fake-provider';
import { useImageMaker } from '../test/fake-provider/images';

const key = process.env.BENCH_KEY ?? '';
const side = Number(process.env.BENCH_IMAGE_SIDE ?? 1024);

function photoLike(seed: number): Promise<Buffer> {
  return sharp({
    create: {
      width: side,
      height: side,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 120 + seed, sigma: 40 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

function withTextChunk(png: Buffer, text: string): Buffer {
  const data = Buffer.from(`Comment\0${text}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  // Before IEND, the last 12 bytes.
  return Buffer.concat([png.subarray(0, png.length - 12), chunk, png.subarray(png.length - 12)]);
}

const pool = await Promise.all(Array.from({ length: 6 }, (_, seed) => photoLike(seed)));
let made = 0;
useImageMaker(async () => ({
  bytes: withTextChunk(pool[made % pool.length]!, `bench ${made++}`),
  contentType: 'image/png',
}));
const fake = await startFakeProvider({ key, defaultImageSide: side });
process.stdout.write(`${JSON.stringify({ baseUrl: fake.baseUrl, pngBytes: pool[0]!.length })}\n`);
process.stdin.resume();
process.stdin.once('end', () => void fake.close().then(() => process.exit(0)));
