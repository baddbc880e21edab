import { describe, expect, it } from 'vitest';
import { collectDroppedFiles, shownExtension } from './dropped-files';

// Stand-ins for the browser's FileSystemEntry tree, as webkitGetAsEntry hands it to a drop.
function file(name: string, dir = ''): FileSystemFileEntry {
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath: `${dir}/${name}`,
    file: (resolve: (file: File) => void) => resolve(new File(['x'], name)),
  } as unknown as FileSystemFileEntry;
}
function folder(name: string, children: (dir: string) => FileSystemEntry[]): FileSystemDirectoryEntry {
  const entries = children(`/${name}`);
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath: `/${name}`,
    createReader: () => {
      let given = false;
      return {
        readEntries: (resolve: (batch: FileSystemEntry[]) => void) => {
          resolve(given ? [] : entries);
          given = true;
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}
function drop(...entries: FileSystemEntry[]): DataTransfer {
  return { items: entries.map((entry) => ({ webkitGetAsEntry: () => entry })), files: [] } as unknown as DataTransfer;
}

describe('collectDroppedFiles', () => {
  it("takes a folder's images and names every other file it passes over, as the core's folder import does", async () => {
    const dropped = await collectDroppedFiles(
      drop(
        folder('shoot', (dir) => [
          file('a.png', dir),
          file('b.apng', dir),
          file('c.heif', dir),
          file('notes.txt', dir),
          file('README', dir),
          file('Thumbs.db', dir),
          file('.DS_Store', dir),
        ]),
        file('named.txt'),
      ),
    );
    // Image formats Atelier cannot read (HEIF) are tried, so the core refuses them with a reason.
    expect(dropped.files.map((entry) => entry.name)).toEqual(['a.png', 'b.apng', 'c.heif', 'named.txt']);
    expect(dropped.skipped).toEqual(['shoot/notes.txt', 'shoot/README']);
  });

  it('shows the extension the skip sentence names, or the whole name where there is none', () => {
    expect(shownExtension('shoot/notes.TXT')).toBe('.txt');
    expect(shownExtension('shoot/README')).toBe('README');
  });
});
