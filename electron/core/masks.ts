// One painted mask, many wire formats. The editor's mask means "painted = edit here", read from the file the way
// the page reads one (shared/mask-file.ts: "white or opaque = edit"; the editor sends greyscale, white = edit) and
// painted from half-way. Each provider family wants something else at the first image's exact pixel size:
//   OpenAI edits (and routers relaying them): PNG, alpha 0 where to edit, under 4 MB
//   FLUX Fill (fal flux-pro/v1/fill, Replicate flux-fill-*): white where to edit, on black
import sharp from 'sharp';
import type { MaskConvention } from '../../shared/contract/models';
import { AppError } from '../../shared/errors';
import { maskFileStrength } from '../../shared/mask-file';

export interface PixelSize {
  width: number;
  height: number;
}

export interface MaskOptions {
  /** Resize the mask to the image when their sizes differ, instead of refusing. */
  scaleToImage?: boolean;
}

export const openAiMaskLimitBytes = 4 * 1024 * 1024;

export async function imageSize(image: Buffer): Promise<PixelSize> {
  const meta = await sharp(image).metadata();
  if (!meta.width || !meta.height)
    throw new AppError('invalid_input', 'The image could not be read. Use a PNG, JPEG or WebP file.');
  return { width: meta.width, height: meta.height };
}

/** One byte per pixel: 255 where the user painted (edit here), 0 elsewhere, at the target size. */
export async function paintedArea(mask: Buffer, target: PixelSize, options: MaskOptions = {}): Promise<Uint8Array> {
  const own = await imageSize(mask).catch(() => {
    throw new AppError('invalid_input', 'The mask could not be read. Paint it again in the editor.');
  });
  const sameSize = own.width === target.width && own.height === target.height;
  if (!sameSize && !options.scaleToImage) {
    throw new AppError(
      'invalid_input',
      `The mask is ${own.width}×${own.height} but the image is ${target.width}×${target.height}. Scale the mask to the image size and try again.`,
      { fix: 'scale_mask', mask: own, image: target },
    );
  }
  // Always four 8-bit channels (greyscale, grey + alpha, 16-bit alike), straight alpha, for the shared reading.
  let pipeline = sharp(mask).toColourspace('srgb').ensureAlpha();
  if (!sameSize) pipeline = pipeline.resize(target.width, target.height, { fit: 'fill', kernel: 'nearest' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 4)
    throw new AppError('invalid_input', 'The mask could not be read. Paint it again in the editor.');
  const area = new Uint8Array(target.width * target.height);
  maskFileStrength(data, area);
  // Half-way (128 of 255) counts as painted, so a soft edge is cut in its middle.
  for (let pixel = 0; pixel < area.length; pixel++) area[pixel] = area[pixel]! >= 128 ? 255 : 0;
  return area;
}

/** OpenAI family: RGBA PNG, fully transparent where to edit, opaque black elsewhere. */
export async function toOpenAiMask(mask: Buffer, image: PixelSize, options: MaskOptions = {}): Promise<Buffer> {
  const area = await paintedArea(mask, image, options);
  const rgba = Buffer.alloc(area.length * 4);
  for (let pixel = 0; pixel < area.length; pixel++) rgba[pixel * 4 + 3] = area[pixel] ? 0 : 255;
  const png = await sharp(rgba, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  if (png.length >= openAiMaskLimitBytes) {
    throw new AppError('invalid_input', 'The mask PNG is over 4 MB. Use a smaller image or a simpler mask.');
  }
  return png;
}

/** FLUX Fill style: white where to edit, black elsewhere, no alpha. */
export async function toFluxFillMask(mask: Buffer, image: PixelSize, options: MaskOptions = {}): Promise<Buffer> {
  const area = await paintedArea(mask, image, options);
  return sharp(Buffer.from(area), { raw: { width: image.width, height: image.height, channels: 1 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export function toWireMask(
  convention: MaskConvention,
  mask: Buffer,
  image: PixelSize,
  options: MaskOptions = {},
): Promise<Buffer> {
  return convention === 'alpha' ? toOpenAiMask(mask, image, options) : toFluxFillMask(mask, image, options);
}
