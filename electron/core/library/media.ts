// What the app:// protocol and the harness serve at /media/<id>/<variant>: found by image id in the
// database, never by a path from the URL, so an unknown id or any path trick is simply a 404 (null).
import { type ImageFormat, imageIdPattern, mediaVariants, type MediaVariant } from '../../../shared/contract/library';
import { cached } from '../db/statement-cache';
import type { LibraryContext } from './context';
import type { ThumbSize } from './file-store';
import { formatFactsOf } from './image-probe';
import { ensureThumbnails } from './thumbnails';

export interface MediaFile {
  path: string;
  mime: string;
}

/** Typed against the contract's variants, so a variant added there is a compile error here until it is served. */
const thumbSizeOf: Record<Exclude<MediaVariant, 'original'>, ThumbSize> = { thumb256: 256, thumb768: 768 };

const isMediaVariant = (value: unknown): value is MediaVariant => mediaVariants.includes(value as MediaVariant);
const isImageId = (value: unknown): value is string => typeof value === 'string' && imageIdPattern.test(value);

export async function resolveMedia(
  context: LibraryContext,
  imageId: unknown,
  variant: unknown,
): Promise<MediaFile | null> {
  if (!isImageId(imageId) || !isMediaVariant(variant)) return null;
  const row = cached(context.db, 'SELECT sha256, path, format FROM images WHERE id = ?').get(imageId) as
    { sha256: string; path: string; format: ImageFormat } | undefined;
  if (!row) return null;
  const { store } = context;
  const original = store.absolute(row.path);
  if (!original || !store.exists(row.path)) return null;
  if (variant === 'original') return { path: original, mime: formatFactsOf(row.format).mime };
  const thumb = store.thumbPath(row.sha256, thumbSizeOf[variant]);
  if (!store.exists(thumb)) {
    // Thumbnails are derived data: remade on first request if someone cleared them.
    try {
      await ensureThumbnails(store, row.sha256, row.path);
    } catch {
      return null;
    }
  }
  return { path: store.absolute(thumb)!, mime: 'image/webp' };
}

/** The URL form: `/media/<id>/<variant>` (query and fragment ignored); anything else is null. */
export function parseMediaPath(urlPath: string): { imageId: string; variant: MediaVariant } | null {
  const [root, media, imageId, variant, ...rest] = (urlPath.split(/[?#]/)[0] ?? '').split('/');
  if (root !== '' || media !== 'media' || rest.length > 0 || !isImageId(imageId) || !isMediaVariant(variant))
    return null;
  return { imageId, variant };
}
