// What the app:// protocol and the harness serve at /media/<id>/<variant>: found by image id in the
// database, never by a path from the URL, so an unknown id or any path trick is simply a 404 (null).
import { readFileSync } from 'node:fs';
import { type ImageFormat, imageIdSchema, mediaVariants, type MediaVariant } from '../../../shared/contract/library';
import type { LibraryContext } from './context';
import { formatFactsOf, probeImage } from './image-probe';
import { renderThumbnails, storeThumbnails } from './thumbnails';
import { cached } from '../db/statement-cache';

export interface MediaFile {
  path: string;
  mime: string;
}

export async function resolveMedia(
  context: LibraryContext,
  imageId: unknown,
  variant: unknown,
): Promise<MediaFile | null> {
  if (!imageIdSchema.safeParse(imageId).success || !mediaVariants.includes(variant as MediaVariant)) return null;
  const row = cached(context.db, 'SELECT sha256, path, format FROM images WHERE id = ?').get(imageId) as
    { sha256: string; path: string; format: ImageFormat } | undefined;
  if (!row) return null;
  const { store } = context;
  const original = store.absolute(row.path);
  if (!original || !store.exists(row.path)) return null;
  if (variant === 'original') return { path: original, mime: formatFactsOf(row.format).mime };
  const thumb = store.thumbPath(row.sha256, variant === 'thumb256' ? 256 : 768);
  if (!store.exists(thumb)) {
    // Thumbnails are derived data: remade on first request if someone cleared them.
    try {
      const probed = await probeImage(readFileSync(original));
      await storeThumbnails(store, row.sha256, await renderThumbnails(probed.pixels));
    } catch {
      return null;
    }
  }
  return { path: store.absolute(thumb)!, mime: 'image/webp' };
}

/** The URL form: `/media/<id>/<variant>` (query and fragment ignored); anything else is null. */
export function parseMediaPath(urlPath: string): { imageId: string; variant: string } | null {
  const path = urlPath.split(/[?#]/)[0] ?? '';
  const match = /^\/media\/([0-9a-f]{16})\/(original|thumb256|thumb768)$/.exec(path);
  return match ? { imageId: match[1]!, variant: match[2]! } : null;
}
