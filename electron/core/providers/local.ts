// The local provider (the default on first start, no key): renders a deterministic image from the prompt, the
// negative prompt and the seed at the requested size, so everything can be tried and tested offline. An edit keeps every
// pixel outside the painted mask exactly as it was and paints the pattern inside it.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import { maxSeed } from '../../../shared/limits';
import { paintedArea } from '../masks';
import type { ImageRequest, ImageResult, ProviderAdapter, ResultImage } from './types';
import { parseSize } from './wire';

const defaultSide = 1024;
const maxSide = 4096;

/** The size to render: WIDTHxHEIGHT, else the aspect ratio on a 1024 long side, else 1024×1024. */
export function localSize(request: ImageRequest): { width: number; height: number } {
  const exact = parseSize(request.size);
  if (exact) {
    if (exact.width < 1 || exact.height < 1 || exact.width > maxSide || exact.height > maxSide) {
      throw new AppError(
        'invalid_input',
        `The local provider renders up to ${maxSide}×${maxSide}. Pick a smaller size.`,
      );
    }
    return exact;
  }
  const ratio = request.aspectRatio ? /^(\d+):(\d+)$/.exec(request.aspectRatio) : null;
  if (!ratio) return { width: defaultSide, height: defaultSide };
  const w = Number(ratio[1]);
  const h = Number(ratio[2]);
  return w >= h
    ? { width: defaultSide, height: Math.round((defaultSide * h) / w) }
    : { width: Math.round((defaultSide * w) / h), height: defaultSide };
}

/**
 * What the pattern is drawn from: the prompt and the seed, and the negative prompt when there is one. Without one the
 * key is what it was before negative prompts existed, so an older image's settings still make the same bytes.
 */
function patternKey(prompt: string, seed: number, negativePrompt: string | undefined): string {
  return negativePrompt ? `${prompt}\u0000${seed}\u0000${negativePrompt}` : `${prompt}\u0000${seed}`;
}

/** RGB pattern pixels for (prompt, seed, negative prompt): two colours from a hash, a diagonal gradient, soft bands. */
function pattern(key: string, width: number, height: number): Buffer {
  const hash = createHash('sha256').update(key).digest();
  const from = [hash[0]!, hash[1]!, hash[2]!];
  const to = [hash[3]!, hash[4]!, hash[5]!];
  const bands = 3 + (hash[6]! % 9);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0, offset = 0; y < height; y++) {
    for (let x = 0; x < width; x++, offset += 3) {
      const t = (x / Math.max(1, width - 1) + y / Math.max(1, height - 1)) / 2;
      const band = 0.5 + 0.5 * Math.sin(t * bands * Math.PI * 2);
      for (let c = 0; c < 3; c++)
        pixels[offset + c] = Math.round((from[c]! * (1 - t) + to[c]! * t) * (0.75 + 0.25 * band));
    }
  }
  return pixels;
}

async function encode(
  pixels: Buffer,
  width: number,
  height: number,
  format: string | undefined,
): Promise<{ bytes: Buffer; contentType: string }> {
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (format === 'jpeg' || format === 'jpg')
    return { bytes: await image.jpeg({ quality: 92 }).toBuffer(), contentType: 'image/jpeg' };
  if (format === 'webp') return { bytes: await image.webp({ lossless: true }).toBuffer(), contentType: 'image/webp' };
  return { bytes: await image.png().toBuffer(), contentType: 'image/png' };
}

async function editPixels(
  request: ImageRequest,
  seed: number,
): Promise<{ pixels: Buffer; width: number; height: number }> {
  const input = await sharp(request.images![0]!.bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = input.info;
  const painted = request.mask
    ? await paintedArea(request.mask.bytes, { width, height }, { scaleToImage: request.scaleMask })
    : null;
  const fill = pattern(patternKey(request.prompt, seed, request.negativePrompt), width, height);
  const pixels = Buffer.from(input.data);
  for (let pixel = 0; pixel < width * height; pixel++) {
    if (painted && !painted[pixel]) continue;
    for (let c = 0; c < 3; c++) {
      const at = pixel * 3 + c;
      // With a mask the painted area is replaced; without one the whole image is blended half-way.
      pixels[at] = painted ? fill[at]! : (pixels[at]! + fill[at]!) >> 1;
    }
  }
  return { pixels, width, height };
}

export async function renderLocal(request: ImageRequest): Promise<ImageResult> {
  const started = performance.now();
  const seed = request.seed ?? 0;
  const count = request.n ?? 1;
  const images: ResultImage[] = [];
  for (let index = 0; index < count; index++) {
    // Image i of a batch is image 0 of the batch at seed + i (wrapping inside the seed range), so each image's
    // own seed makes it again on its own.
    const imageSeed = (seed + index) % (maxSeed + 1);
    const { pixels, width, height } = request.images?.length
      ? await editPixels(request, imageSeed)
      : { ...localSize(request), pixels: Buffer.alloc(0) };
    const rgb = pixels.length
      ? pixels
      : pattern(patternKey(request.prompt, imageSeed, request.negativePrompt), width, height);
    const encoded = await encode(rgb, width, height, request.outputFormat);
    images.push({ bytes: encoded.bytes, width, height, contentType: encoded.contentType, seed: imageSeed });
  }
  const latencyMs = Math.round(performance.now() - started);
  return { images, seed, costUsd: 0, latencyMs, raw: { provider: 'local', seed, count } };
}

export function createLocalAdapter(): ProviderAdapter {
  return {
    protocol: 'local',
    pollIntervalMs: 0,
    async submit(request, signal) {
      if (signal?.aborted) throw new AppError('cancelled', 'The local render was cancelled.');
      return { kind: 'done', result: await renderLocal(request) };
    },
    async poll() {
      throw new AppError('internal', 'Local renders finish at once; there is nothing to poll.');
    },
    async cancel() {
      // A local render runs to completion within the submit call.
    },
  };
}
