// How much of the disk the library takes, by kind: originals and thumbnails as the folders hold them
// (so files no row explains count too), the database with its journal, and what emptying the trash
// would free (from the rows: originals and thumbnails only trashed images use).
import { existsSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiskUsage } from '../../../shared/contract/library';
import { cached } from '../db/statement-cache';
import type { LibraryContext } from './context';
import { originalsDir, thumbSizes, thumbsDir } from './file-store';

export async function diskUsage(context: LibraryContext): Promise<DiskUsage> {
  const { db, store } = context;
  const [originals, thumbnails] = await Promise.all([
    folderUsage(store.root, originalsDir),
    folderUsage(store.root, thumbsDir),
  ]);
  // Bytes no image outside the trash shares: what library.emptyTrash gives back.
  const trashedOnly = cached(
    db,
    `SELECT i.sha256, min(i.path) AS path FROM images i
       WHERE i.trashed_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM images o WHERE o.sha256 = i.sha256 AND o.trashed_at IS NULL)
       GROUP BY i.sha256`,
  ).all() as Array<{ sha256: string; path: string }>;
  let trashBytes = 0;
  for (const row of trashedOnly) {
    trashBytes += sizeOf(store.ownPath(row.path));
    for (const size of thumbSizes) trashBytes += sizeOf(store.ownPath(store.thumbPath(row.sha256, size)));
  }
  const trashedImages = cached(db, 'SELECT count(*) FROM images WHERE trashed_at IS NOT NULL').pluck().get() as number;
  const database = ['', '-wal', '-shm'].reduce((sum, suffix) => sum + sizeOf(`${db.name}${suffix}`), 0);
  return { originals, thumbnails, trash: { images: trashedImages, bytes: trashBytes }, database: { bytes: database } };
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** Files and bytes under one of the library's content folders (<folder>/<ab>/<file>), one subfolder at a time. */
async function folderUsage(root: string, folder: string): Promise<{ files: number; bytes: number }> {
  const usage = { files: 0, bytes: 0 };
  const walk = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
    const files = entries.filter((entry) => entry.isFile());
    const sizes = await Promise.all(
      files.map((entry) =>
        stat(join(path, entry.name)).then(
          (info) => info.size,
          () => 0,
        ),
      ),
    );
    usage.files += files.length;
    usage.bytes += sizes.reduce((sum, size) => sum + size, 0);
    for (const entry of entries) if (entry.isDirectory()) await walk(join(path, entry.name));
  };
  await walk(join(root, folder));
  return usage;
}
