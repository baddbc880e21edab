// `library check [--repair]`: the database against the files. Every file in the library's folders is
// explained by a row (an original, its thumbnails) or by a rule (a leftover temporary file, an unused
// thumbnail), or it is an orphan. Repair adopts every orphan that is an image (an image is never thrown
// away), leaves any other file where the user put it and says so, remakes missing thumbnails, clears
// leftover temporary files and unused thumbnails, and reports what it cannot fix (a row whose original
// is gone).
import { isPassedOverFile } from '../../../shared/contract/library';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CheckReport } from '../../../shared/contract/library';
import { integrityCheck } from '../db/open';
import { storeImage } from './add-image';
import type { LibraryContext } from './context';
import { cached } from '../db/statement-cache';
import { originalsDir, sha256Of, tempDir, type ThumbSize, thumbSizes, thumbsDir } from './file-store';
import { ensureThumbnails, thumbnailsPresent } from './thumbnails';

export interface CheckOptions {
  repair: boolean;
  /** Files younger than this may belong to a write still in progress (the app beside the CLI): left alone. */
  graceMs?: number;
}

const defaultGraceMs = 60_000;

const thumbnailName = new RegExp(`^([0-9a-f]{64})-(${thumbSizes.join('|')})\\.webp$`);

export async function checkLibrary(context: LibraryContext, options: CheckOptions): Promise<CheckReport> {
  const { db, store } = context;
  const settledBefore = Date.now() - (options.graceMs ?? defaultGraceMs);
  // mtime carries fractions of a millisecond, Date.now() does not: compare whole milliseconds.
  const settled = (path: string) => Math.trunc(statSync(join(store.root, path)).mtimeMs) <= settledBefore;
  const rows = db.prepare('SELECT id, sha256, path FROM images').all() as Array<{
    id: string;
    sha256: string;
    path: string;
  }>;
  const referenced = new Set(rows.map((row) => row.path));
  const hashes = new Set(rows.map((row) => row.sha256));
  const report: CheckReport = {
    ok: true,
    integrity: integrityCheck(db),
    missingFiles: [],
    orphanFiles: [],
    tempFiles: [],
    missingThumbs: [],
    repaired: [],
  };

  const missingThumbs: Array<{ id: string; sha256: string; path: string }> = [];
  for (const row of rows) {
    if (!store.exists(row.path)) report.missingFiles.push({ id: row.id, path: row.path });
    else if (!thumbnailsPresent(store, row.sha256)) missingThumbs.push(row);
  }
  report.missingThumbs = missingThumbs.map(({ id, path }) => ({ id, path }));
  // Any file under originals/ no row points at: a crash's leftover under its content address, or a
  // file someone put there. Either is adopted if it is an image.
  const orphanOriginals = listFiles(store.root, originalsDir).filter((path) => !referenced.has(path) && settled(path));
  const unusedThumbs: string[] = [];
  const strayInThumbs: string[] = [];
  for (const path of listFiles(store.root, thumbsDir)) {
    if (!settled(path)) continue;
    const thumb = thumbnailName.exec(basename(path));
    if (!thumb || path !== store.thumbPath(thumb[1]!, Number(thumb[2]) as ThumbSize)) strayInThumbs.push(path);
    else if (!hashes.has(thumb[1]!)) unusedThumbs.push(path);
  }
  report.orphanFiles.push(...orphanOriginals, ...strayInThumbs, ...unusedThumbs);
  report.tempFiles.push(
    ...readdirSync(join(store.root, tempDir))
      .map((name) => `${tempDir}/${name}`)
      .filter(settled),
  );

  if (options.repair) {
    const unfixed = await repair(context, report, [...orphanOriginals, ...strayInThumbs], unusedThumbs, missingThumbs);
    report.missingThumbs = report.missingThumbs.filter((entry) => unfixed.has(entry.path));
    report.orphanFiles = report.orphanFiles.filter((path) => unfixed.has(path));
    report.tempFiles = report.tempFiles.filter((path) => unfixed.has(path));
  }
  report.ok =
    report.integrity.length === 0 &&
    [report.missingFiles, report.orphanFiles, report.tempFiles, report.missingThumbs].every(
      (list) => list.length === 0,
    );
  return report;
}

/** Returns the paths it could not fix. */
async function repair(
  context: LibraryContext,
  report: CheckReport,
  orphans: string[],
  unusedThumbs: string[],
  missingThumbs: Array<{ id: string; sha256: string; path: string }>,
): Promise<Set<string>> {
  const { store } = context;
  const unfixed = new Set<string>();
  const adopted: string[] = [];
  for (const path of report.tempFiles) {
    rmSync(join(store.root, path), { recursive: true, force: true });
    report.repaired.push(`removed leftover temporary file ${path}`);
  }
  for (const path of unusedThumbs) {
    store.remove(path);
    report.repaired.push(`removed unused thumbnail ${path}`);
  }
  for (const path of orphans) {
    try {
      const message = await adopt(context, path);
      adopted.push(message.id);
      report.repaired.push(message.text);
    } catch (error) {
      unfixed.add(path);
      report.repaired.push(`could not adopt ${path}, left it in place: ${(error as Error).message}`);
    }
  }
  for (const entry of missingThumbs) {
    try {
      await ensureThumbnails(store, entry.sha256, entry.path);
      report.repaired.push(`remade thumbnails of image ${entry.id}`);
    } catch (error) {
      unfixed.add(entry.path);
      report.repaired.push(`could not remake thumbnails of image ${entry.id}: ${(error as Error).message}`);
    }
  }
  if (adopted.length > 0) context.changed('repaired', adopted);
  return unfixed;
}

/**
 * Imports an orphan through the usual intake (checked like any new image). A file that was not at its
 * content address is removed once its bytes are safely there: it was moved into the library, not lost.
 */
async function adopt(context: LibraryContext, path: string): Promise<{ id: string; text: string }> {
  const { store } = context;
  const bytes = readFileSync(join(store.root, path));
  const { image } = await storeImage(context, { bytes, source: 'imported', originalName: basename(path) });
  const stored = cached(context.db, 'SELECT path FROM images WHERE id = ?').pluck().get(image.id) as string;
  const text = `adopted unreferenced file ${path} as image ${image.id}`;
  if (stored === path) return { id: image.id, text };
  if (image.sha256 !== sha256Of(bytes) || !store.exists(stored))
    throw new Error(`its copy at ${stored} could not be confirmed`);
  rmSync(join(store.root, path));
  return { id: image.id, text: `${text} (moved to ${stored})` };
}

/** Relative paths (forward slashes) of every file under one top-level folder of the library. */
function listFiles(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    let entries;
    try {
      entries = readdirSync(join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (!isPassedOverFile(entry.name)) found.push(path);
    }
  };
  walk(folder);
  return found;
}
