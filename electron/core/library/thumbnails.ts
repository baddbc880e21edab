// WebP thumbnails at 768 and 256 on the long side, upright (EXIF orientation applied), made from the
// stored original by ensureThumbnails, the one way they are made: awaited on import, in the background
// for job results (thumbnail-queue.ts), on request by the media route, and by `check --repair`.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { FileStore, ThumbSize } from './file-store';
import { dataDamaged } from './check-image';
import { formatNameOf, type ProbedImage, probeImage } from './image-probe';

type Thumbnails = Record<ThumbSize, Buffer>;

/** Makes both thumbnails of a stored original unless they exist already. */
export async function ensureThumbnails(store: FileStore, sha256: string, originalPath: string): Promise<void> {
  if (thumbnailsPresent(store, sha256)) return;
  const path = store.absolute(originalPath);
  if (!path) throw new Error(`Not a path inside the library: ${originalPath}`);
  const probed = await probeImage(await readFile(path));
  await storeThumbnails(store, sha256, await renderThumbnails(probed));
}

async function renderThumbnails({ pixels, format }: ProbedImage): Promise<Thumbnails> {
  let large: Buffer;
  try {
    large = await sharp(pixels.input, pixels.options)
      .rotate()
      .resize(768, 768, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    // The decoder's own words ("Warning treated as error due to failOn setting") help nobody.
    throw dataDamaged(formatNameOf(format));
  }
  // The small one comes from the large one: a second full decode of the original would double the cost.
  const small = await sharp(large)
    .resize(256, 256, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return { 768: large, 256: small };
}

/** Thumbnails are derived data: written atomically but not fsynced, since a lost one is simply remade. */
async function storeThumbnails(store: FileStore, sha256: string, thumbs: Thumbnails): Promise<void> {
  await Promise.all([
    store.writeAtomic(store.thumbPath(sha256, 768), thumbs[768], false),
    store.writeAtomic(store.thumbPath(sha256, 256), thumbs[256], false),
  ]);
}

export function thumbnailsPresent(store: FileStore, sha256: string): boolean {
  return store.exists(store.thumbPath(sha256, 256)) && store.exists(store.thumbPath(sha256, 768));
}
