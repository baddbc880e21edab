// Decides whether some bytes are an image the library takes, before anything is written: the
// format, the limits, the displayed size (EXIF orientation applied) and any PNG text chunks.
// A refusal carries a reason a user understands; the file beside it still imports.
import { maxImportFileBytes, maxImportPixels } from '../../../shared/limits';
import { decode as decodeBmp } from 'bmp-ts';
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import type { ImageFormat } from '../../../shared/contract/library';
import { AppError, type ErrorDetails, type ErrorKind } from '../../../shared/errors';
import { formatByMagic, unreadableTiffColourSpace } from './format-sniff';
import { type EmbeddedText } from './metadata/containers';
import { metadataText } from './metadata/read-generation';

export type RefusalKind = Extract<
  ErrorKind,
  | 'file_empty'
  | 'file_too_large'
  | 'too_many_pixels'
  | 'not_an_image'
  | 'format_unsupported'
  | 'image_header_damaged'
  | 'image_data_damaged'
  | 'colour_space_unsupported'
>;

/**
 * An image the library will not take; `invalid_input`, with the reason for the CLI and, as `details`,
 * its kind and facts for the page to say in the user's language.
 */
export class ImageRefused extends AppError {
  readonly kind: RefusalKind;
  declare readonly details: ErrorDetails<RefusalKind>;

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

/** The one refusal of a file over the import limit, whether its size was known before reading or after. */
export function fileTooLarge(actual: number): ImageRefused {
  return new ImageRefused(
    { kind: 'file_too_large', limit: maxImportFileBytes, actual },
    `The file is too large (${megabytes(actual)}; the limit is ${maxImportFileBytes / 1024 / 1024} MB).`,
  );
}

export async function probeImage(bytes: Buffer): Promise<ProbedImage> {
  if (bytes.length === 0) throw new ImageRefused({ kind: 'file_empty' }, 'The file is empty (0 bytes).');
  if (bytes.length > maxImportFileBytes) throw fileTooLarge(bytes.length);
  if (isBmp(bytes)) return probeBmp(bytes);
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable(bytes);
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
  checkPixels(width, height, formatNames[format]);
  const text = metadataText(bytes);
  return {
    format,
    ...formatFacts[format],
    width,
    height,
    text,
    pixels: { input: bytes, options: { limitInputPixels: maxImportPixels, failOn: decodePolicy(format) } },
  };
}

/**
 * How strict a decode is. A JPEG whose every pixel decodes is taken even when libjpeg warns (a
 * mis-sized Photoshop segment, stray bytes before a marker: common in real files, harmless); only a
 * stream cut short refuses it. For the other formats a warning is damage (a bad CRC in a PNG's IDAT,
 * a TIFF whose YCbCr or strips make noise), so any warning refuses the file.
 */
function decodePolicy(format: ImageFormat): 'truncated' | 'warning' {
  return format === 'jpeg' ? 'truncated' : 'warning';
}

const formatNames: Record<ImageFormat, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  avif: 'AVIF',
  tiff: 'TIFF',
  bmp: 'BMP',
};

export function formatNameOf(format: ImageFormat): string {
  return formatNames[format];
}

/** Why sharp could not even read the header, said by what the first bytes show the file to be. */
function unreadable(bytes: Buffer): ImageRefused {
  const format = formatByMagic(bytes);
  if (format === 'TIFF') {
    const colourSpace = unreadableTiffColourSpace(bytes);
    if (colourSpace)
      return new ImageRefused(
        { kind: 'colour_space_unsupported', format, colourSpace },
        `This TIFF uses ${colourSpace} colour, which Atelier cannot read.`,
      );
  }
  if (format && ['PNG', 'JPEG', 'GIF', 'WebP', 'TIFF', 'BMP', 'AVIF'].includes(format))
    return new ImageRefused(
      { kind: 'image_header_damaged', format },
      `This ${format} is damaged: its header is invalid.`,
    );
  if (format)
    return new ImageRefused(
      { kind: 'format_unsupported', format },
      `The ${format} format is not supported (PNG, JPEG, WebP, GIF, AVIF, TIFF and BMP are).`,
    );
  return new ImageRefused(
    { kind: 'not_an_image' },
    'This is not an image Atelier can read (PNG, JPEG, WebP, GIF, AVIF, TIFF or BMP).',
  );
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

function checkPixels(width: number, height: number, format: string): void {
  if (width <= 0 || height <= 0)
    throw new ImageRefused(
      { kind: 'image_header_damaged', format },
      `This ${format} is damaged: its header is invalid.`,
    );
  const pixels = width * height;
  if (pixels > maxImportPixels) {
    throw new ImageRefused(
      { kind: 'too_many_pixels', width, height, limit: maxImportPixels },
      `The image is too large (${width}×${height} = ${(pixels / 1e6).toFixed(0)} megapixels; the limit is ${maxImportPixels / 1e6}).`,
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
  checkPixels(width, height, 'BMP');
  const damaged = () =>
    new ImageRefused(
      { kind: 'image_data_damaged', format: 'BMP' },
      'This BMP is damaged: its image data is corrupt or cut short.',
    );
  let image;
  try {
    image = decodeBmp(bytes, { toRGBA: true });
  } catch {
    throw damaged();
  }
  if (image.data.length < width * height * 4) throw damaged();
  return {
    format: 'bmp',
    ...formatFacts.bmp,
    width,
    height,
    text: {},
    pixels: { input: image.data, options: { raw: { width, height, channels: 4 } } },
  };
}
