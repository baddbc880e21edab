// What a drop brings: files, and folders walked to their images (the browser gives no paths, so
// the files themselves are read). A folder's notes and sidecars are passed over and named, by the same
// rule as the core's folder import (the contract's folderImageExtensions).
import { folderImageExtensions, isPassedOverFile } from '../shared/contract/library';

/** Files to import, and the names of those a folder held that are not images (each shown with why). */
export interface DroppedFiles {
  files: File[];
  skipped: string[];
}

const imageExtensions = new Set<string>(folderImageExtensions);
const extensionOf = (name: string) => /\.[^./]+$/.exec(name)?.[0].toLowerCase() ?? '';

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function entriesOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries answers in batches until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, named: boolean, out: DroppedFiles): Promise<void> {
  // Hidden files (.DS_Store, editor backups) inside a folder are passed over without a word, as in the core.
  if (!named && entry.name.startsWith('.')) return;
  if (entry.isFile) {
    if (named || imageExtensions.has(extensionOf(entry.name)))
      out.files.push(await fileOf(entry as FileSystemFileEntry));
    else if (!isPassedOverFile(entry.name)) out.skipped.push(entry.fullPath.replace(/^\//, '') || entry.name);
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child, false, out);
  }
}

/** Must be called during the drop event itself: the browser empties the DataTransfer afterwards. */
export function collectDroppedFiles(dataTransfer: DataTransfer): Promise<DroppedFiles> {
  const entries = [...dataTransfer.items]
    .map((item) => item.webkitGetAsEntry?.() ?? null)
    .filter((entry): entry is FileSystemEntry => entry !== null);
  const files = [...dataTransfer.files];
  if (entries.length === 0) return Promise.resolve({ files, skipped: [] });
  return (async () => {
    const out: DroppedFiles = { files: [], skipped: [] };
    for (const entry of entries) await walk(entry, true, out);
    return out;
  })();
}

/** The name's extension as the skip sentence shows it (the whole name where it has none). */
export function shownExtension(name: string): string {
  return extensionOf(name) || name.split('/').pop() || name;
}
