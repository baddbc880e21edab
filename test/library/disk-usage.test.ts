// The library's size on the disk through the core's door, against the files themselves.
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import type { DiskUsage, LibraryImage } from '../../shared/contract/library';
import { noisyPng, tempDir } from './helpers';

let core: Core | null = null;
let dir = '';
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Files and bytes under a folder, walked here independently of the code under test. */
function measured(folder: string): { files: number; bytes: number } {
  const usage = { files: 0, bytes: 0 };
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    usage.files++;
    usage.bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return usage;
}

async function usage(): Promise<DiskUsage> {
  const answer = (await core!.invoke('library.diskUsage', {})) as { ok: boolean; value: DiskUsage };
  expect(answer.ok).toBe(true);
  return answer.value;
}

const bytesOf = (image: LibraryImage) =>
  [
    image.path,
    join(dir, 'thumbs', image.sha256.slice(0, 2), `${image.sha256}-256.webp`),
    join(dir, 'thumbs', image.sha256.slice(0, 2), `${image.sha256}-768.webp`),
  ].reduce((sum, path) => sum + statSync(path).size, 0);

describe('disk usage', () => {
  it('an empty library is a database and nothing else', async () => {
    dir = tempDir('atelier-disk-');
    core = await createCore({ libraryDir: dir, transport: 'test' });
    const empty = await usage();
    expect(empty).toMatchObject({ originals: { files: 0, bytes: 0 }, thumbnails: { files: 0, bytes: 0 } });
    expect(empty.trash).toEqual({ images: 0, bytes: 0 });
    expect(empty.database.bytes).toBeGreaterThan(0);
  });

  it('counts originals and thumbnails as the folders hold them, and the trash as what emptying it frees', async () => {
    dir = tempDir('atelier-disk-');
    core = await createCore({ libraryDir: dir, transport: 'test' });
    const shared = await noisyPng(100, 100);
    const kept = await core.library.addImage({ bytes: shared, source: 'generated' });
    const twin = await core.library.addImage({ bytes: shared, source: 'generated' });
    const alone = await core.library.addImage({ bytes: await noisyPng(80, 60), source: 'generated' });
    const other = await core.library.addImage({ bytes: await noisyPng(40, 40), source: 'generated' });
    await core.invoke('library.trash', { ids: [twin.id, alone.id] });
    // A file no row explains still takes disk space: it is counted where it lies.
    writeFileSync(join(dir, 'originals', 'stray.png'), Buffer.alloc(1234));

    const seen = await usage();
    expect(seen.originals).toEqual(measured(join(dir, 'originals')));
    expect(seen.originals.files).toBe(4);
    expect(seen.thumbnails).toEqual(measured(join(dir, 'thumbs')));
    expect(seen.thumbnails.files).toBe(6);
    // twin shares its bytes with an image outside the trash: only alone's files would be freed.
    expect(seen.trash).toEqual({ images: 2, bytes: bytesOf(alone) });
    expect(bytesOf(kept) + bytesOf(other)).toBeGreaterThan(0);

    const emptied = (await core.invoke('library.emptyTrash', {})) as { ok: boolean; value: { freedBytes: number } };
    expect(emptied.value.freedBytes).toBe(seen.trash.bytes);
    const after = await usage();
    expect(after.trash).toEqual({ images: 0, bytes: 0 });
    expect(after.originals.bytes + after.thumbnails.bytes).toBe(
      seen.originals.bytes + seen.thumbnails.bytes - seen.trash.bytes,
    );
  });
});
