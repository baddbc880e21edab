// Content-addressed files under the library folder: originals/<ab>/<sha256>.<ext> and
// thumbs/<ab>/<sha256>-<size>.webp. Every write goes to .tmp/ first (an original is flushed to the disk
// there), then is renamed into place, so a crash leaves either the whole file or a leftover in .tmp/
// (which `check` clears); a write that fails removes its leftover itself.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export const thumbSizes = [256, 768] as const;
export type ThumbSize = (typeof thumbSizes)[number];

export const originalsDir = 'originals';
export const thumbsDir = 'thumbs';
export const tempDir = '.tmp';

const sha256Pattern = /^[0-9a-f]{64}$/;
const extensionPattern = /^[a-z0-9]{2,5}$/;

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isSha256(value: string): boolean {
  return sha256Pattern.test(value);
}

export class FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    mkdirSync(join(this.root, tempDir), { recursive: true });
  }

  /** Relative path (forward slashes, as stored in the database) of an original. */
  originalPath(sha256: string, extension: string): string {
    if (!isSha256(sha256) || !extensionPattern.test(extension))
      throw new Error(`Not a content address: ${sha256}.${extension}`);
    return `${originalsDir}/${sha256.slice(0, 2)}/${sha256}.${extension}`;
  }

  thumbPath(sha256: string, size: ThumbSize): string {
    if (!isSha256(sha256)) throw new Error(`Not a content address: ${sha256}`);
    return `${thumbsDir}/${sha256.slice(0, 2)}/${sha256}-${size}.webp`;
  }

  /** Absolute path of a stored relative path, or null if it would leave the library folder. */
  absolute(relativePath: string): string | null {
    if (relativePath.includes('\0') || relativePath.includes('\\')) return null;
    const candidate = resolve(this.root, relativePath);
    return candidate.startsWith(this.root + sep) ? candidate : null;
  }

  /**
   * Absolute path of a relative path this store wrote itself (database rows): a plain join, since
   * the gallery maps sixty rows per page. Paths from outside go through absolute() instead.
   */
  ownPath(relativePath: string): string {
    return `${this.root}${sep}${sep === '/' ? relativePath : relativePath.split('/').join(sep)}`;
  }

  exists(relativePath: string): boolean {
    const path = this.absolute(relativePath);
    return path !== null && existsSync(path);
  }

  /**
   * Writes bytes at a relative path atomically; an existing file (same content address) is kept as is.
   * `durable` flushes the file's data and its folder to the disk: originals need it, thumbnails (remade
   * on demand) do not.
   * Asynchronous so that a slow disk never stalls the event loop while sharp works on the next image.
   */
  async writeAtomic(relativePath: string, bytes: Buffer, durable = true): Promise<void> {
    const target = this.absolute(relativePath);
    if (!target) throw new Error(`Refusing to write outside the library: ${relativePath}`);
    if (existsSync(target) && statSync(target).size === bytes.length) return;
    const temp = join(this.root, tempDir, `${randomBytes(8).toString('hex')}.part`);
    try {
      const file = await open(temp, 'w');
      try {
        await file.writeFile(bytes);
        if (durable) await file.datasync();
      } finally {
        await file.close();
      }
      await this.renameIntoPlace(temp, target);
    } catch (error) {
      // Nothing half-written stays behind (a full disk, a folder that cannot be made).
      await rm(temp, { force: true });
      throw error;
    }
    if (durable) await syncDirectory(dirname(target));
  }

  private async renameIntoPlace(temp: string, target: string): Promise<void> {
    const folder = dirname(target);
    await this.ensureFolder(folder);
    await rename(temp, target).catch(async (error: NodeJS.ErrnoException) => {
      // The folder was removed behind our back (a repair in another process): make it again, once.
      if (error.code !== 'ENOENT') throw error;
      this.knownFolders.delete(folder);
      await this.ensureFolder(folder);
      await rename(temp, target);
    });
  }

  private readonly knownFolders = new Set<string>();

  /** Content folders are few (256 per kind) and never removed while open: create each once per run. */
  private async ensureFolder(folder: string): Promise<void> {
    if (this.knownFolders.has(folder)) return;
    await mkdir(folder, { recursive: true });
    this.knownFolders.add(folder);
  }

  /** Removes a stored file; returns the bytes freed (0 if it was already gone). */
  remove(relativePath: string): number {
    const path = this.absolute(relativePath);
    if (!path || !existsSync(path)) return 0;
    const size = statSync(path).size;
    rmSync(path, { force: true });
    return size;
  }
}

/** Makes the rename itself durable. Directories cannot be opened for fsync on Windows; there NTFS journals it. */
async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
