// What a new image must pass before it becomes a library file: the probe (format, limits, size, text
// chunks), a decode of every pixel (a file cut short fails here, not in the gallery later), then the
// durable write under its content address.
import sharp from 'sharp';
import { FileStore, sha256Of } from './file-store';
import { formatNameOf, ImageRefused, type ProbedImage, probeImage } from './image-probe';

/** The probe's answer without the pixels (which are not kept once checked). */
export type ImageFacts = Omit<ProbedImage, 'pixels'>;

export interface CheckedImage {
  sha256: string;
  /** Where the original now is, relative to the library folder. */
  relativePath: string;
  facts: ImageFacts;
}

/**
 * Probes and decodes every pixel under the probe's decode policy (the same one thumbnails use, so a
 * file taken here always gets its thumbnails); damaged image data is refused, named by its format.
 */
export async function checkImage(bytes: Buffer): Promise<ProbedImage> {
  const probed = await probeImage(bytes);
  try {
    await sharp(probed.pixels.input, probed.pixels.options).raw().toBuffer();
  } catch {
    throw dataDamaged(formatNameOf(probed.format));
  }
  return probed;
}

export function dataDamaged(format: string): ImageRefused {
  return new ImageRefused(
    { kind: 'image_data_damaged', format },
    `This ${format} is damaged: its image data is corrupt or cut short.`,
  );
}

/** checkImage, then the original written durably (fsynced, renamed into place) under its hash. */
export async function checkAndWrite(
  store: FileStore,
  bytes: Buffer,
  sha256: string = sha256Of(bytes),
): Promise<CheckedImage> {
  const { pixels: _pixels, ...facts } = await checkImage(bytes);
  const relativePath = store.originalPath(sha256, facts.extension);
  await store.writeAtomic(relativePath, bytes);
  return { sha256, relativePath, facts };
}
