// What a new image must pass before it becomes a library file: the probe (format, limits, size, text
// chunks), a decode of every pixel (a file cut short fails here, not in the gallery later), then the
// durable write under its content address.
import sharp from 'sharp';
import { FileStore, sha256Of } from './file-store';
import { ImageRefused, type ProbedImage, probeImage } from './image-probe';

/** The probe's answer without the pixels (which are not kept once checked). */
export type ImageFacts = Omit<ProbedImage, 'pixels'>;

export interface CheckedImage {
  sha256: string;
  /** Where the original now is, relative to the library folder. */
  relativePath: string;
  facts: ImageFacts;
}

/** Probes and decodes every pixel; a damaged or truncated image is refused as 'damaged'. */
export async function checkImage(bytes: Buffer): Promise<ProbedImage> {
  const probed = await probeImage(bytes);
  try {
    await sharp(probed.pixels.input, { ...probed.pixels.options, failOn: 'truncated' })
      .raw()
      .toBuffer();
  } catch {
    throw new ImageRefused({ kind: 'image_damaged' }, 'The image is damaged or cut short.');
  }
  return probed;
}

/** checkImage, then the original written durably (fsynced, renamed into place) under its hash. */
export async function checkAndWrite(store: FileStore, bytes: Buffer): Promise<CheckedImage> {
  const { pixels: _pixels, ...facts } = await checkImage(bytes);
  const sha256 = sha256Of(bytes);
  const relativePath = store.originalPath(sha256, facts.extension);
  await store.writeAtomic(relativePath, bytes);
  return { sha256, relativePath, facts };
}
