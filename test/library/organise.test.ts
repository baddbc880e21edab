import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noisyPng, openTestLibrary, solidImage, type TestLibrary } from './helpers';

let t: TestLibrary;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

function diskUse(paths: string[]): number {
  return paths.filter((path) => existsSync(path)).reduce((sum, path) => sum + statSync(path).size, 0);
}

describe('organising images', () => {
  it('tags, favourites and rates many images at once', async () => {
    const a = await t.library.addImage({ bytes: await solidImage('png', 8, 8, 1), source: 'generated' });
    const b = await t.library.addImage({ bytes: await solidImage('png', 8, 8, 2), source: 'generated' });
    const tagged = t.library.tag([a.id, b.id], ['Sky', 'sea ', 'sky'], []);
    expect(tagged.map((image) => image.tags)).toEqual([
      ['sea', 'Sky'],
      ['sea', 'Sky'],
    ]);
    expect(t.library.tag([b.id], [], ['SEA'])[0]!.tags).toEqual(['Sky']);
    expect(t.library.favorite([a.id, b.id], true).every((image) => image.favorite)).toBe(true);
    expect(t.library.favorite([b.id], false)[0]!.favorite).toBe(false);
    expect(t.library.rate([a.id, b.id], 4).map((image) => image.rating)).toEqual([4, 4]);
    expect(t.changes.filter((change) => change.reason === 'updated').length).toBe(5);
  });

  it('refuses an unknown id and changes nothing of the others in that call', async () => {
    const a = await t.library.addImage({ bytes: await solidImage('png', 8, 8, 3), source: 'generated' });
    expect(() => t.library.favorite([a.id, '0123456789abcdef'], true)).toThrow(/No image with id 0123456789abcdef/);
    expect(t.library.get(a.id).favorite).toBe(false);
  });

  it('trashes and restores without touching the files', async () => {
    const a = await t.library.addImage({ bytes: await solidImage('png', 8, 8, 4), source: 'generated' });
    const [trashed] = t.library.trash([a.id]);
    expect(trashed!.trashedAt).not.toBeNull();
    expect(existsSync(a.path)).toBe(true);
    expect(t.library.restore([a.id])[0]!.trashedAt).toBeNull();
  });

  it('deletes for good, freeing the disk, but keeps a file another image still uses', async () => {
    const bytes = await noisyPng(200, 200);
    const first = await t.library.addImage({ bytes, source: 'generated', prompt: 'first job' });
    const second = await t.library.addImage({ bytes, source: 'generated', prompt: 'second job' });
    const other = await t.library.addImage({ bytes: await solidImage('png', 8, 8, 5), source: 'generated' });
    t.library.tag([first.id], ['only-here'], []);
    expect(second.path).toBe(first.path);
    const files = [
      first.path,
      join(t.dir, 'thumbs', first.sha256.slice(0, 2), `${first.sha256}-256.webp`),
      join(t.dir, 'thumbs', first.sha256.slice(0, 2), `${first.sha256}-768.webp`),
    ];
    const before = diskUse(files);
    expect(before).toBeGreaterThan(bytes.length);

    const once = t.library.delete([first.id]);
    expect(once).toEqual({ deleted: [first.id], freedBytes: 0 });
    expect(existsSync(first.path)).toBe(true);
    expect(t.library.facets().tags).toEqual([]);

    const twice = t.library.delete([second.id]);
    expect(twice.freedBytes).toBe(before);
    expect(diskUse(files)).toBe(0);
    expect(() => t.library.get(second.id)).toThrow(/No image/);
    expect(existsSync(other.path)).toBe(true);
    expect((await t.library.check({ repair: false, graceMs: 0 })).ok).toBe(true);
  });

  it('keeps an edit when its parent is deleted, with the link cleared', async () => {
    const parent = await t.library.addImage({ bytes: await solidImage('png', 8, 8, 6), source: 'generated' });
    const child = await t.library.addImage({
      bytes: await solidImage('png', 8, 8, 7),
      source: 'edited',
      parentId: parent.id,
    });
    expect(child.parentId).toBe(parent.id);
    t.library.delete([parent.id]);
    expect(t.library.get(child.id).parentId).toBeNull();
  });
});
