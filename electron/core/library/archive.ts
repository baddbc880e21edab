// The whole library as one tar file (manifest.json + originals/) and back. Thumbnails are left out:
// they are remade on import. Archive import goes through storeImage, so every file is checked again.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tar from 'tar';
import { z } from 'zod';
import { imageIdSchema, type ImportResult, libraryImageSchema } from '../../../shared/contract/library';
import { AppError } from '../../../shared/errors';
import { cached } from '../db/statement-cache';
import { storeImage } from './add-image';
import type { LibraryContext } from './context';
import { originalsDir, sha256Of, tempDir } from './file-store';
import { type ImageRow, imageColumns, toLibraryImage } from './image-row';

// The image shape of the contract, minus what is derived from the file (path, size, thumbnails), with
// the file's place in the archive and times as numbers (ms) so they round-trip exactly.
const manifestEntry = libraryImageSchema
  .omit({ path: true, thumbPath: true, width: true, height: true, bytes: true, createdAt: true, trashedAt: true })
  .extend({
    id: imageIdSchema,
    file: z.string().regex(/^originals\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{2,5}$/),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.number(),
    trashedAt: z.number().nullable(),
  });
const manifestSchema = z.object({
  format: z.literal('atelier-library'),
  version: z.literal(1),
  exportedAt: z.number(),
  images: z.array(manifestEntry),
});
type ManifestEntry = z.infer<typeof manifestEntry>;

function stagingDir(context: LibraryContext, kind: string): string {
  const dir = join(context.store.root, tempDir, `${kind}-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function exportArchive(
  context: LibraryContext,
  to: string,
): Promise<{ path: string; images: number; bytes: number }> {
  const rows = context.db
    .prepare(`SELECT ${imageColumns} FROM images i ORDER BY i.created_at, i.id`)
    .all() as ImageRow[];
  const entries: ManifestEntry[] = rows.map((row) => toManifestEntry(context, row));
  const target = resolve(to);
  const staging = stagingDir(context, 'archive');
  try {
    writeFileSync(
      join(staging, 'manifest.json'),
      JSON.stringify({ format: 'atelier-library', version: 1, exportedAt: context.now(), images: entries }),
    );
    // The staging folder sees the originals through a link, so the tar paths are manifest.json and originals/…
    symlinkSync(
      join(context.store.root, originalsDir),
      join(staging, originalsDir),
      process.platform === 'win32' ? 'junction' : 'dir',
    );
    const files = [...new Set(entries.map((entry) => entry.file))].filter((file) => existsSync(join(staging, file)));
    mkdirSync(resolve(target, '..'), { recursive: true });
    await tar.c({ file: `${target}.part`, cwd: staging, portable: true }, ['manifest.json', ...files]);
    renameSync(`${target}.part`, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { path: target, images: entries.length, bytes: statSync(target).size };
}

export async function importArchive(context: LibraryContext, from: string): Promise<ImportResult> {
  const source = resolve(from);
  if (!existsSync(source)) throw new AppError('not_found', `There is no archive at ${source}.`);
  const staging = stagingDir(context, 'unpack');
  const result: ImportResult = { imported: [], duplicates: [], refused: [], duplicateFiles: [], skipped: [] };
  try {
    try {
      // Only plain files at the two expected places are unpacked; tar itself refuses absolute and `..` paths.
      await tar.x({
        file: source,
        cwd: staging,
        strict: true,
        filter: (path, entry) =>
          ('type' in entry ? entry.type === 'File' : true) &&
          (path === 'manifest.json' || path.startsWith(`${originalsDir}/`)),
      });
    } catch (error) {
      throw new AppError('invalid_input', `${source} is not a readable Atelier archive (${(error as Error).message}).`);
    }
    const manifest = readManifest(join(staging, 'manifest.json'), source);
    for (const entry of manifest.images) await importEntry(context, staging, entry, source, result);
    // Edit lineage is restored once every image is in, whatever order the parents came in.
    const link = context.db.prepare(
      'UPDATE images SET parent_id = ? WHERE id = ? AND EXISTS (SELECT 1 FROM images WHERE id = ?)',
    );
    context.db.transaction(() => {
      for (const entry of manifest.images) if (entry.parentId) link.run(entry.parentId, entry.id, entry.parentId);
    })();
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (result.imported.length > 0)
    context.changed(
      'added',
      result.imported.map((image) => image.id),
    );
  return result;
}

async function importEntry(
  context: LibraryContext,
  staging: string,
  entry: ManifestEntry,
  source: string,
  result: ImportResult,
): Promise<void> {
  const label = `${source}:${entry.file}`;
  // Already here: the same id (an archive imported twice), or the same imported file.
  const existing = cached(
    context.db,
    `SELECT ${imageColumns} FROM images i WHERE i.id = ? OR (i.sha256 = ? AND i.source = 'imported' AND ? = 'imported') LIMIT 1`,
  ).get(entry.id, entry.sha256, entry.source) as ImageRow | undefined;
  if (existing) {
    result.duplicates.push(toLibraryImage(existing, context.store));
    return;
  }
  try {
    const bytes = readFileSync(join(staging, entry.file));
    if (sha256Of(bytes) !== entry.sha256)
      throw new AppError('invalid_input', 'The file in the archive is damaged (its checksum does not match).');
    const stored = await storeImage(
      context,
      { ...entry, bytes, parentId: null },
      {
        id: entry.id,
        createdAt: entry.createdAt,
        favorite: entry.favorite,
        rating: entry.rating,
        tags: entry.tags,
        trashedAt: entry.trashedAt,
      },
    );
    result.imported.push(stored.image);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'The archive lists this file but does not hold it.'
        : (error as Error).message;
    result.refused.push({ path: label, reason });
  }
}

function readManifest(path: string, source: string): z.infer<typeof manifestSchema> {
  try {
    return manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new AppError(
      'invalid_input',
      `${source} is not an Atelier library archive (its manifest is missing or unreadable).`,
    );
  }
}

/** The contract's image facts, minus what comes from the file, with the archive's place and times in ms. */
function toManifestEntry(context: LibraryContext, row: ImageRow): ManifestEntry {
  const {
    path: _path,
    thumbPath: _thumb,
    width: _width,
    height: _height,
    bytes: _bytes,
    createdAt: _created,
    trashedAt: _trashed,
    ...facts
  } = toLibraryImage(row, context.store);
  return { ...facts, file: row.path, createdAt: row.created_at, trashedAt: row.trashed_at };
}
