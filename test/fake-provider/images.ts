// Result images for the fake provider: small, each one different (so a content-addressed library never
// dedupes two results), served at URLs that expire like a provider's signed links.
import sharp from 'sharp';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface StoredFile {
  bytes: Buffer;
  contentType: string;
  expiresAt: number;
}

let counter = 0;

export function formatOf(value: unknown, fallback: ImageFormat): ImageFormat {
  if (value === 'jpeg' || value === 'jpg') return 'jpeg';
  if (value === 'png' || value === 'webp') return value;
  return fallback;
}

export function sizeOf(value: unknown, side: number): { width: number; height: number } {
  if (value && typeof value === 'object') {
    const { width, height } = value as { width?: unknown; height?: unknown };
    if (typeof width === 'number' && typeof height === 'number')
      return { width: Math.min(width, 2048), height: Math.min(height, 2048) };
  }
  const match = typeof value === 'string' ? /^(\d+)x(\d+)$/.exec(value) : null;
  if (!match) return { width: side, height: side };
  return { width: Math.min(Number(match[1]), 2048), height: Math.min(Number(match[2]), 2048) };
}

type ImageMaker = (
  size: { width: number; height: number },
  format: ImageFormat,
) => Promise<{ bytes: Buffer; contentType: string }>;

let imageMaker: ImageMaker | null = null;

/** Benchmarks answer photo-sized images instead of solid ones (bench/jobs.ts); null brings the solid ones back. */
export function useImageMaker(maker: ImageMaker | null): void {
  imageMaker = maker;
}

/** A solid image whose colour comes from a running counter, encoded in the asked format. */
export async function makeImage(
  size: { width: number; height: number },
  format: ImageFormat,
): Promise<{ bytes: Buffer; contentType: string }> {
  if (imageMaker) return imageMaker(size, format);
  counter++;
  const background = {
    r: (counter * 67) % 256,
    g: (counter * 131) % 256,
    b: (Math.floor(counter / 256) * 29 + 17) % 256,
  };
  const image = sharp({ create: { width: size.width, height: size.height, channels: 3, background } });
  const bytes = await (
    format === 'jpeg' ? image.jpeg() : format === 'webp' ? image.webp({ lossless: true }) : image.png()
  ).toBuffer();
  return { bytes, contentType: `image/${format}` };
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private next = 0;

  constructor(
    private readonly baseUrl: () => string,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Stores the bytes and answers the URL they are served at until they expire. */
  put(bytes: Buffer, contentType: string): string {
    const name = `result-${++this.next}.${contentType.split('/')[1]}`;
    this.files.set(name, { bytes, contentType, expiresAt: this.now() + this.ttlMs });
    return `${this.baseUrl()}/files/${name}`;
  }

  get(name: string): StoredFile | 'expired' | null {
    const file = this.files.get(name);
    if (!file) return null;
    return this.now() >= file.expiresAt ? 'expired' : file;
  }
}
