// Decides whether some bytes are an image the library takes, before anything is written: the
// format, the limits, the displayed size (EXIF orientation applied) and any PNG text chunks.
// A refusal carries a reason a user understands; the file beside it still imports.
import { decode as decodeBmp } from 'bmp-ts';
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import type { ImageFormat } from '../../../shared/contract/library';
import { AppError, type ErrorDetails, type ErrorKind } from '../../../shared/errors';
import { type EmbeddedText } from './metadata/containers';
import { metadataText } from './metadata/read-generation';

export const importLimits = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 } as const;

export type RefusalKind = Extract<
  ErrorKind,
  'file_empty' | 'file_too_large' | 'too_many_pixels' | 'not_an_image' | 'format_unsupported' | 'image_damaged'
>;

/**
 * An image the library will not take; `invalid_input`, with the reason for the CLI and, as `details`,
 * its kind and facts for the page to say in the user's language.
 */
export class ImageRefused extends AppError {
  readonly kind: RefusalKind;

  constructor(details: ErrorDetails<RefusalKind>, message: string) {
    super('invalid_input', message, details);
    this.kind = details.kind;
  }
}

export interface ProbedImage {
  format: ImageFormat;
  extension: string;
  mime: string;
  /** As displayed: EXIF orientation 5–8 swaps the stored width and height. */
  width: number;
  height: number;
  /** The texts generators embed (PNG chunks anywhere in the file, EXIF, JPEG comments) by keyword. */
  text: EmbeddedText;
  /** What sharp should decode: the bytes, or raw RGBA for formats sharp cannot read (BMP). */
  pixels: { input: Buffer; options: SharpOptions };
}

const formatFacts: Record<ImageFormat, { extension: string; mime: string }> = {
  png: { extension: 'png', mime: 'image/png' },
  jpeg: { extension: 'jpg', mime: 'image/jpeg' },
  webp: { extension: 'webp', mime: 'image/webp' },
  gif: { extension: 'gif', mime: 'image/gif' },
  avif: { extension: 'avif', mime: 'image/avif' },
  tiff: { extension: 'tif', mime: 'image/tiff' },
  bmp: { extension: 'bmp', mime: 'image/bmp' },
};

export function formatFactsOf(format: ImageFormat): { extension: string; mime: string } {
  return formatFacts[format];
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function probeImage(bytes: Buffer): Promise<ProbedImage> {
  if (bytes.length === 0) throw new ImageRefused({ kind: 'file_empty' }, 'The file is empty (0 bytes).');
  if (bytes.length > importLimits.maxBytes) {
    throw new ImageRefused(
      { kind: 'file_too_large', limit: importLimits.maxBytes, actual: bytes.length },
      `The file is too large (${megabytes(bytes.length)}; the limit is ${megabytes(importLimits.maxBytes)}).`,
    );
  }
  if (isBmp(bytes)) return probeBmp(bytes);
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefused(
      { kind: 'not_an_image' },
      'This is not an image Atelier can read (PNG, JPEG, WebP, GIF, AVIF, TIFF or BMP).',
    );
  }
  const format = formatOf(metadata);
  if (!format) {
    throw new ImageRefused(
      { kind: 'format_unsupported', format: String(metadata.format).toUpperCase() },
      `The ${String(metadata.format).toUpperCase()} format is not supported (PNG, JPEG, WebP, GIF, AVIF, TIFF and BMP are).`,
    );
  }
  const width = metadata.autoOrient?.width ?? metadata.width ?? 0;
  // An animated GIF is taken by its first frame.
  const height =
    format === 'gif'
      ? (metadata.pageHeight ?? metadata.height ?? 0)
      : (metadata.autoOrient?.height ?? metadata.height ?? 0);
  checkPixels(width, height);
  const text = metadataText(bytes);
  return {
    format,
    ...formatFacts[format],
    width,
    height,
    text,
    pixels: { input: bytes, options: { limitInputPixels: importLimits.maxPixels } },
  };
}

function formatOf(metadata: Metadata): ImageFormat | null {
  switch (metadata.format) {
    case 'png':
    case 'jpeg':
    case 'webp':
    case 'gif':
    case 'tiff':
      return metadata.format;
    case 'heif':
      // HEIF is a container; only its AV1 flavour (AVIF) is decodable here and widely shared.
      return metadata.compression === 'av1' ? 'avif' : null;
    default:
      return null;
  }
}

function checkPixels(width: number, height: number): void {
  if (width <= 0 || height <= 0)
    throw new ImageRefused({ kind: 'image_damaged' }, 'The image header is damaged (it gives no size).');
  const pixels = width * height;
  if (pixels > importLimits.maxPixels) {
    throw new ImageRefused(
      { kind: 'too_many_pixels', width, height, limit: importLimits.maxPixels },
      `The image is too large (${width}×${height} = ${(pixels / 1e6).toFixed(0)} megapixels; the limit is ${importLimits.maxPixels / 1e6}).`,
    );
  }
}

function isBmp(bytes: Buffer): boolean {
  return bytes.length > 26 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

function probeBmp(bytes: Buffer): ProbedImage {
  // The BMP header is read first so a huge bitmap is refused before its pixels are expanded.
  const width = Math.abs(bytes.readInt32LE(18));
  const height = Math.abs(bytes.readInt32LE(22));
  checkPixels(width, height);
  let image;
  try {
    image = decodeBmp(bytes, { toRGBA: true });
  } catch {
    throw new ImageRefused({ kind: 'image_damaged' }, 'The BMP file is damaged or cut short.');
  }
  if (image.data.length < width * height * 4)
    throw new ImageRefused({ kind: 'image_damaged' }, 'The BMP file is damaged or cut short.');
  return {
    format: 'bmp',
    ...formatFacts.bmp,
    width,
    height,
    text: {},
    pixels: { input: image.data, options: { raw: { width, height, channels: 4 } } },
  };
}
