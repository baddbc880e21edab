// Import of files and folders (drag-and-drop lands here). Each file is judged on its own: a refused
// one is named with its reason and the others still import.
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import {
  folderImageExtensions,
  type ImportResult,
  type LibraryImage,
  isPassedOverFile,
} from '../../../shared/contract/library';
import type { LibraryContext } from './context';
import { storeImage } from './add-image';
import { errorDetails, type ErrorDetails, isAppError, kindOf } from '../../../shared/errors';
import { fileTooLarge } from './image-probe';
import { maxImportFileBytes } from '../../../shared/limits';

const imageExtensions = new Set<string>(folderImageExtensions);
/**
 * Three files in flight: two keep both cores decoding (sharp works on libuv's pool) while the third
 * waits on its fsync; measured in bench/library.ts, 2 left the cores idle during writes. Few enough
 * that at most three 50 MB buffers are held.
 */
const concurrency = 3;

/** One file to import: named for the report, read only when its turn comes. */
interface ImportItem {
  name: string;
  size: number;
  read(): Promise<Buffer>;
  /** The image it was made from (an extended canvas), recorded as its parent; a duplicate keeps its own. */
  parentId?: string;
}

export async function importPaths(context: LibraryContext, paths: string[]): Promise<ImportResult> {
  const result: ImportResult = { imported: [], duplicates: [], refused: [], duplicateFiles: [], skipped: [] };
  const files: string[] = [];
  for (const path of paths) collectFiles(resolve(path), true, files, result);
  const items = files.map((file) => ({ name: file, size: safeSize(file), read: () => readFile(file) }));
  return importItems(context, items, result);
}

/**
 * Files that arrive as bytes (dropped into the browser UI, which cannot see paths). Named by the
 * file name the user dropped; judged exactly like files from disk.
 */
export async function importBuffers(
  context: LibraryContext,
  files: Array<{ name: string; bytes: Buffer; parentId?: string }>,
): Promise<ImportResult> {
  // Only the file's own name is kept, whichever separator the sending system uses.
  const items = files.map((file) => ({
    name: file.name.split(/[\\/]/).pop() || 'image',
    size: file.bytes.length,
    read: async () => file.bytes,
    ...(file.parentId && { parentId: file.parentId }),
  }));
  return importItems(context, items, { imported: [], duplicates: [], refused: [], duplicateFiles: [], skipped: [] });
}

function safeSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

async function importItems(context: LibraryContext, files: ImportItem[], result: ImportResult): Promise<ImportResult> {
  // Outcomes land by position so the report follows the order the user gave, whatever finishes first.
  const outcomes: Outcome[] = new Array(files.length);
  // Creation times follow the order given too (one millisecond apart), so the gallery shows a folder
  // in its own order rather than in whichever order the decodes happened to finish.
  const startedAt = context.now();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      outcomes[index] = await importOne(context, files[index]!, startedAt + index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  outcomes.forEach((outcome, index) => {
    if (outcome.kind === 'refused') result.refused.push(outcome.refused);
    else if (outcome.kind === 'imported') result.imported.push(outcome.image);
    else {
      result.duplicates.push(outcome.image);
      result.duplicateFiles.push({ path: files[index]!.name, imageId: outcome.image.id });
    }
  });
  if (result.imported.length > 0)
    context.changed(
      'added',
      result.imported.map((image) => image.id),
    );
  return result;
}

type Outcome =
  | { kind: 'imported' | 'duplicate'; image: LibraryImage }
  | { kind: 'refused'; refused: ImportResult['refused'][number] };

async function importOne(context: LibraryContext, file: ImportItem, createdAt: number): Promise<Outcome> {
  try {
    // Refused before reading, so a 2 GB video dropped by mistake costs nothing.
    if (file.size > maxImportFileBytes) {
      const refusal = fileTooLarge(file.size);
      return { kind: 'refused', refused: { path: file.name, reason: refusal.message, details: refusal.details } };
    }
    const bytes = await file.read();
    const stored = await storeImage(
      context,
      { bytes, source: 'imported', originalName: basename(file.name), parentId: file.parentId ?? null },
      { createdAt },
    );
    return { kind: stored.duplicate ? 'duplicate' : 'imported', image: stored.image };
  } catch (error) {
    return {
      kind: 'refused',
      refused: {
        path: file.name,
        reason: error instanceof Error ? error.message : String(error),
        ...(isAppError(error) && kindOf(error.details) && { details: error.details as ErrorDetails }),
      },
    };
  }
}

function collectFiles(path: string, named: boolean, files: string[], result: ImportResult): void {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    result.refused.push({ path, reason: 'The file or folder does not exist or cannot be read.' });
    return;
  }
  if (stats.isFile()) {
    const extension = extname(path).toLowerCase();
    if (named || imageExtensions.has(extension)) files.push(path);
    else if (!isPassedOverFile(basename(path))) {
      const shown = extension || basename(path);
      result.skipped.push({
        path,
        reason: `Passed over: "${shown}" files are not images Atelier imports.`,
        details: errorDetails('file_passed_over', { extension: shown }),
      });
    }
    return;
  }
  if (!stats.isDirectory()) {
    if (named) result.refused.push({ path, reason: 'This is not a regular file or folder.' });
    return;
  }
  const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    // Hidden files (.DS_Store, editor backups) and symbolic links (which may loop) are passed over.
    if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
    collectFiles(join(path, entry.name), false, files, result);
  }
}
