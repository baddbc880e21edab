// `library check [--repair]`: the database against the files. Repair adopts unreferenced originals
// (an image is never thrown away), remakes missing thumbnails, clears leftover temporary files and
// unused thumbnails, and reports what it cannot fix (a row whose original is gone).
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CheckReport } from '../../../shared/contract/library';
import { integrityCheck } from '../db/open';
import { storeImage } from './add-image';
import type { LibraryContext } from './context';
import { isSha256, originalsDir, tempDir, thumbsDir } from './file-store';
import { probeImage } from './image-probe';
import { renderThumbnails, storeThumbnails, thumbnailsPresent } from './thumbnails';

export interface CheckOptions {
  repair: boolean;
  /** Files younger than this may belong to a write still in progress (the app beside the CLI): left alone. */
  graceMs?: number;
}

const defaultGraceMs = 60_000;

export async function checkLibrary(context: LibraryContext, options: CheckOptions): Promise<CheckReport> {
  const { db, store } = context;
  const settledBefore = Date.now() - (options.graceMs ?? defaultGraceMs);
  // mtime carries fractions of a millisecond, Date.now() does not: compare whole milliseconds.
  const settled = (path: string) => Math.trunc(statSync(path).mtimeMs) <= settledBefore;
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

  for (const row of rows) {
    if (!store.exists(row.path)) report.missingFiles.push({ id: row.id, path: row.path });
    else if (!thumbnailsPresent(store, row.sha256)) report.missingThumbs.push({ id: row.id, path: row.path });
  }
  const orphanOriginals = listFiles(store.root, originalsDir).filter(
    (path) => !referenced.has(path) && settled(join(store.root, path)),
  );
  const orphanThumbs = listFiles(store.root, thumbsDir).filter(
    (path) => !hashes.has(basename(path).slice(0, 64)) && settled(join(store.root, path)),
  );
  report.orphanFiles.push(...orphanOriginals, ...orphanThumbs);
  report.tempFiles.push(
    ...readdirSync(join(store.root, tempDir))
      .map((name) => `${tempDir}/${name}`)
      .filter((path) => settled(join(store.root, path))),
  );

  if (options.repair) {
    const unfixed = await repair(context, report, orphanOriginals, orphanThumbs);
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
  orphanOriginals: string[],
  orphanThumbs: string[],
): Promise<Set<string>> {
  const { store } = context;
  const unfixed = new Set<string>();
  const adopted: string[] = [];
  for (const path of report.tempFiles) {
    rmSync(join(store.root, path), { recursive: true, force: true });
    report.repaired.push(`removed leftover temporary file ${path}`);
  }
  for (const path of orphanThumbs) {
    store.remove(path);
    report.repaired.push(`removed unused thumbnail ${path}`);
  }
  for (const path of orphanOriginals) {
    try {
      const bytes = readFileSync(join(store.root, path));
      const { image } = await storeImage(context, { bytes, source: 'imported', originalName: basename(path) });
      adopted.push(image.id);
      report.repaired.push(`adopted unreferenced file ${path} as image ${image.id}`);
    } catch (error) {
      unfixed.add(path);
      report.repaired.push(`could not adopt ${path}: ${(error as Error).message}`);
    }
  }
  for (const entry of report.missingThumbs) {
    try {
      const row = context.db.prepare('SELECT sha256 FROM images WHERE id = ?').get(entry.id) as { sha256: string };
      const probed = await probeImage(readFileSync(join(store.root, entry.path)));
      await storeThumbnails(store, row.sha256, await renderThumbnails(probed.pixels));
      report.repaired.push(`remade thumbnails of image ${entry.id}`);
    } catch (error) {
      unfixed.add(entry.path);
      report.repaired.push(`could not remake thumbnails of image ${entry.id}: ${(error as Error).message}`);
    }
  }
  if (adopted.length > 0) context.changed('repaired', adopted);
  return unfixed;
}

/** Relative paths (forward slashes) of the files under one top-level folder of the library. */
function listFiles(root: string, folder: string): string[] {
  const found: string[] = [];
  let shards: string[];
  try {
    shards = readdirSync(join(root, folder));
  } catch {
    return found;
  }
  for (const shard of shards) {
    let names: string[];
    try {
      names = readdirSync(join(root, folder, shard));
    } catch {
      continue;
    }
    for (const name of names) if (isSha256(name.slice(0, 64))) found.push(`${folder}/${shard}/${name}`);
  }
  return found;
}
