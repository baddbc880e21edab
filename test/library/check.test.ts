// `library check` against files no row and no temporary-file rule explains: a user's stray file in the
// library's folders is reported, adopted when it is an image, and never deleted without a word.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Of } from '../../electron/core/library/file-store';
import { openTestLibrary, solidImage, type TestLibrary } from './helpers';

let t: TestLibrary;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

function put(relativePath: string, bytes: Buffer | string): string {
  const path = join(t.dir, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

describe('library check: files the library did not write', () => {
  it('reports a stray image and stray non-image files as orphans; repair adopts the image and leaves the rest in place', async () => {
    await t.library.addImage({ bytes: await solidImage('png', 16, 16, 1), source: 'generated' });
    const picture = await solidImage('png', 20, 20, 2);
    const strayImage = put('originals/xx/notes.png', picture);
    const strayText = put('originals/readme.txt', 'my notes about this folder');
    const strayInThumbs = put('thumbs/ab/cover.txt', 'not a thumbnail');

    const report = await t.library.check({ repair: false, graceMs: 0 });
    expect(report.ok).toBe(false);
    expect([...report.orphanFiles].sort()).toEqual([
      'originals/readme.txt',
      'originals/xx/notes.png',
      'thumbs/ab/cover.txt',
    ]);

    const repaired = await t.library.check({ repair: true, graceMs: 0 });
    // The image is now a library image, stored under its content address; the copy outside it is gone.
    const adopted = t.library.list({}).images.find((image) => image.sha256 === sha256Of(picture));
    expect(adopted).toMatchObject({ source: 'imported', originalName: 'notes.png', width: 20 });
    expect(readFileSync(adopted!.path)).toEqual(picture);
    expect(existsSync(strayImage)).toBe(false);
    expect(repaired.repaired.join('\n')).toContain(
      `adopted unreferenced file originals/xx/notes.png as image ${adopted!.id} (moved to originals/`,
    );
    // What is not an image stays where the user put it, still reported, with the reason.
    expect([...repaired.orphanFiles].sort()).toEqual(['originals/readme.txt', 'thumbs/ab/cover.txt']);
    expect(repaired.ok).toBe(false);
    expect(readFileSync(strayText, 'utf8')).toBe('my notes about this folder');
    expect(readFileSync(strayInThumbs, 'utf8')).toBe('not a thumbnail');
    expect(repaired.repaired.join('\n')).toMatch(
      /could not adopt originals\/readme\.txt, left it in place: This is not an image/,
    );

    // A second repair adopts nothing twice.
    const again = await t.library.check({ repair: true, graceMs: 0 });
    expect([...again.orphanFiles].sort()).toEqual(['originals/readme.txt', 'thumbs/ab/cover.txt']);
    expect(t.library.list({}).images).toHaveLength(2);
  });

  it('passes over the files an operating system leaves in the folders it shows', async () => {
    await t.library.addImage({ bytes: await solidImage('png', 16, 16, 3), source: 'generated' });
    put('originals/.DS_Store', 'finder');
    put('thumbs/ab/Thumbs.db', 'explorer');
    put('originals/ab/desktop.ini', '[.ShellClassInfo]');
    put('originals/ab/._notes.png', 'AppleDouble');
    expect(await t.library.check({ repair: false, graceMs: 0 })).toMatchObject({ ok: true, orphanFiles: [] });
  });
});
