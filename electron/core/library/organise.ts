// Favourite, rating, tags, trash and restore, and permanent delete: each takes many ids at once
// (the gallery's multi-select) and runs as one transaction, so a bulk change is all or nothing.
import type { LibraryImage } from '../../../shared/contract/library';
import { AppError, errorDetails } from '../../../shared/errors';
import type { LibraryContext } from './context';
import { thumbSizes } from './file-store';
import { type ImageRow, imageColumns, toLibraryImage } from './image-row';
import { dropUnusedTags, setTags } from './tags';
import { cached } from '../db/statement-cache';

export function getImages(context: LibraryContext, ids: string[]): LibraryImage[] {
  const unique = [...new Set(ids)];
  const rows = new Map<string, ImageRow>();
  const select = cached(context.db, `SELECT ${imageColumns} FROM images i WHERE i.id = ?`);
  for (const id of unique) {
    const row = select.get(id) as ImageRow | undefined;
    if (row) rows.set(id, row);
  }
  const missing = unique.filter((id) => !rows.has(id));
  if (missing.length > 0) {
    throw new AppError(
      'not_found',
      `No image with id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''} in this library.`,
      errorDetails('image_not_found', { id: missing[0]! }),
    );
  }
  return unique.map((id) => toLibraryImage(rows.get(id)!, context.store));
}

function updateAll(
  context: LibraryContext,
  ids: string[],
  sql: string,
  value: unknown,
  reason: 'updated' | 'trashed' | 'restored',
): LibraryImage[] {
  getImages(context, ids);
  const statement = cached(context.db, sql);
  context.db.transaction(() => {
    for (const id of ids) statement.run(value, id);
  })();
  context.changed(reason, ids);
  return getImages(context, ids);
}

export function setFavorite(context: LibraryContext, ids: string[], favorite: boolean): LibraryImage[] {
  return updateAll(context, ids, 'UPDATE images SET favorite = ? WHERE id = ?', favorite ? 1 : 0, 'updated');
}

export function setRating(context: LibraryContext, ids: string[], rating: number): LibraryImage[] {
  return updateAll(context, ids, 'UPDATE images SET rating = ? WHERE id = ?', rating, 'updated');
}

export function trashImages(context: LibraryContext, ids: string[]): LibraryImage[] {
  return updateAll(
    context,
    ids,
    'UPDATE images SET trashed_at = coalesce(trashed_at, ?) WHERE id = ?',
    context.now(),
    'trashed',
  );
}

export function restoreImages(context: LibraryContext, ids: string[]): LibraryImage[] {
  return updateAll(context, ids, 'UPDATE images SET trashed_at = ? WHERE id = ?', null, 'restored');
}

export function tagImages(context: LibraryContext, ids: string[], add: string[], remove: string[]): LibraryImage[] {
  getImages(context, ids);
  setTags(context.db, ids, add, remove);
  context.changed('updated', ids);
  return getImages(context, ids);
}

/**
 * Deletes rows for good, then the files no remaining row uses. Rows go first in one transaction;
 * should the process die before the unlinks, `check --repair` adopts the unreferenced files back:
 * keeping an image the user meant to delete is the lesser harm than ever losing one.
 */
export function deleteImages(context: LibraryContext, ids: string[]): { deleted: string[]; freedBytes: number } {
  const images = getImages(context, ids);
  const { db, store } = context;
  const rows = images.map(
    (image) =>
      cached(db, 'SELECT sha256, path FROM images WHERE id = ?').get(image.id) as { sha256: string; path: string },
  );
  db.transaction(() => {
    const remove = cached(db, 'DELETE FROM images WHERE id = ?');
    for (const image of images) remove.run(image.id);
    dropUnusedTags(db);
  })();
  let freedBytes = 0;
  const stillUsed = cached(db, 'SELECT 1 FROM images WHERE sha256 = ? LIMIT 1');
  for (const row of new Map(rows.map((entry) => [entry.sha256, entry])).values()) {
    if (stillUsed.get(row.sha256)) continue;
    freedBytes += store.remove(row.path);
    for (const size of thumbSizes) freedBytes += store.remove(store.thumbPath(row.sha256, size));
  }
  context.changed(
    'deleted',
    images.map((image) => image.id),
  );
  return { deleted: images.map((image) => image.id), freedBytes };
}

/** Every trashed image, deleted for good; nothing in the trash is nothing deleted (no event). */
export function emptyTrash(context: LibraryContext): { deleted: string[]; freedBytes: number } {
  const ids = cached(context.db, 'SELECT id FROM images WHERE trashed_at IS NOT NULL').pluck().all() as string[];
  return ids.length === 0 ? { deleted: [], freedBytes: 0 } : deleteImages(context, ids);
}
