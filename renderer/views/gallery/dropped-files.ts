// What a drop brings: files, and folders walked to their images (the browser gives no paths, so
// the files themselves are read; a folder's notes and sidecars are passed over, as in the CLI).
const imageExtensions = /\.(png|jpe?g|jpe|webp|gif|avif|tiff?|bmp)$/i;

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

async function walk(entry: FileSystemEntry, named: boolean, out: File[]): Promise<void> {
  if (entry.isFile) {
    if (named || imageExtensions.test(entry.name)) out.push(await fileOf(entry as FileSystemFileEntry));
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child, false, out);
  }
}

/** Must be called during the drop event itself: the browser empties the DataTransfer afterwards. */
export function collectDroppedFiles(dataTransfer: DataTransfer): Promise<File[]> {
  const entries = [...dataTransfer.items]
    .map((item) => item.webkitGetAsEntry?.() ?? null)
    .filter((entry): entry is FileSystemEntry => entry !== null);
  const files = [...dataTransfer.files];
  if (entries.length === 0) return Promise.resolve(files);
  return (async () => {
    const out: File[] = [];
    for (const entry of entries) await walk(entry, true, out);
    return out;
  })();
}
