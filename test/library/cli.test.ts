// The `atelier library …` commands as a user or a script runs them: a real process, a temp library.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../../electron/core/library/file-store';
import { solidImage, tempDir } from './helpers';
import { imageKeys } from '../cli/helpers';

const root = join(import.meta.dirname, '..', '..');
let work: string;
let library: string;

function atelier(...args: string[]): { code: number; stdout: string; stderr: string; json: () => any } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'atelier.mjs'), ...args, '--library', library], {
    encoding: 'utf8',
    cwd: root,
    timeout: 60_000,
  });
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout),
  };
}

beforeAll(async () => {
  work = tempDir('atelier-cli-');
  library = join(work, 'library');
  mkdirSync(join(work, 'in', 'folder'), { recursive: true });
  writeFileSync(join(work, 'in', 'one.png'), await solidImage('png', 30, 20, 1));
  writeFileSync(join(work, 'in', 'folder', 'two.jpg'), await solidImage('jpeg', 20, 30, 2));
  writeFileSync(join(work, 'in', 'fake.png'), 'not really a png');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('atelier library', () => {
  let ids: string[] = [];

  it('import: prints what came in and names each refused file; exit 1 when some were refused', () => {
    const run = atelier(
      'library',
      'import',
      join(work, 'in', 'one.png'),
      join(work, 'in', 'folder'),
      join(work, 'in', 'fake.png'),
      '--json',
    );
    expect(run.code).toBe(1);
    const result = run.json();
    expect(result.imported.map((image: { originalName: string }) => image.originalName)).toEqual([
      'one.png',
      'two.jpg',
    ]);
    expect(result.duplicates).toEqual([]);
    expect(result.refused).toEqual([
      {
        path: join(work, 'in', 'fake.png'),
        reason: expect.stringMatching(/not an image/),
        details: { kind: 'not_an_image' },
      },
    ]);
    ids = result.imported.map((image: { id: string }) => image.id);

    const plain = atelier('library', 'import', join(work, 'in', 'one.png'));
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/already in the library/);
  });

  it('list --json and show --json give the image shape of docs/cli.md', () => {
    const page = atelier('library', 'list', '--json', '--limit', '1');
    expect(page.code).toBe(0);
    const { images, next } = page.json();
    expect(images).toHaveLength(1);
    expect(typeof next).toBe('string');
    const rest = atelier('library', 'list', '--json', '--after', next).json();
    expect([images[0].id, ...rest.images.map((image: { id: string }) => image.id)]).toEqual([...ids].reverse());

    const shown = atelier('library', 'show', ids[0]!, '--json');
    expect(shown.code).toBe(0);
    const image = shown.json();
    for (const key of imageKeys) {
      expect(image).toHaveProperty(key);
    }
    expect(image).toMatchObject({
      id: ids[0],
      width: 30,
      height: 20,
      format: 'png',
      source: 'imported',
      favorite: false,
      tags: [],
    });
    expect(existsSync(image.path)).toBe(true);

    const human = atelier('library', 'show', ids[0]!);
    expect(human.stdout).toMatch(/original name\s+one\.png/);
  });

  it('tag, favorite and the filters that find them', () => {
    expect(
      atelier('library', 'tag', ...ids, '--add', 'sky', '--add', 'sea', '--json')
        .json()
        .images.map((image: { tags: string[] }) => image.tags),
    ).toEqual([
      ['sea', 'sky'],
      ['sea', 'sky'],
    ]);
    expect(atelier('library', 'tag', ids[1]!, '--remove', 'sea', '--json').json().images[0].tags).toEqual(['sky']);
    expect(atelier('library', 'favorite', ids[0]!, '--json').json().images[0].favorite).toBe(true);
    const favourites = atelier('library', 'list', '--favorite', '--tag', 'sea', '--json').json();
    expect(favourites.images.map((image: { id: string }) => image.id)).toEqual([ids[0]]);
    expect(atelier('library', 'favorite', ids[0]!, '--off', '--json').json().images[0].favorite).toBe(false);
    expect(
      atelier('library', 'list', '--query', 'tw', '--json')
        .json()
        .images.map((image: { id: string }) => image.id),
    ).toEqual([ids[1]]);
  });

  it(
    'list narrows by source, rating, dates and sorts as asked; a bad value is a usage mistake',
    { timeout: 90_000 },
    () => {
      const listed = (...args: string[]) =>
        atelier('library', 'list', ...args, '--json')
          .json()
          .images.map((image: { id: string }) => image.id);
      expect(listed('--source', 'imported', '--sort', 'oldest', '--from', '2000-01-01', '--to', '2999-12-31')).toEqual(
        ids,
      );
      expect(listed('--source', 'generated')).toEqual([]);
      expect(listed('--min-rating', '1')).toEqual([]);
      const run = atelier('library', 'list', '--from', 'yesterday');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--from must be a date');
    },
  );

  it('export writes the PNG and its sidecar', () => {
    const out = join(work, 'out');
    const run = atelier('library', 'export', ids[1]!, '--to', out, '--json');
    expect(run.code).toBe(0);
    const [file] = run.json().files;
    expect(existsSync(file.path) && existsSync(file.sidecar)).toBe(true);
  });

  it('delete trashes, restore brings back, delete --permanent frees the disk', () => {
    const path = atelier('library', 'show', ids[1]!, '--json').json().path;
    expect(atelier('library', 'delete', ids[1]!, '--json').json().images[0].trashedAt).not.toBeNull();
    expect(
      atelier('library', 'list', '--json')
        .json()
        .images.map((image: { id: string }) => image.id),
    ).toEqual([ids[0]]);
    expect(atelier('library', 'restore', ids[1]!, '--json').json().images[0].trashedAt).toBeNull();
    const gone = atelier('library', 'delete', ids[1]!, '--permanent', '--json');
    expect(gone.json()).toMatchObject({ deleted: [ids[1]] });
    expect(gone.json().freedBytes).toBeGreaterThan(0);
    expect(existsSync(path)).toBe(false);
  });

  it('check finds an unfinished write and --repair fixes it', async () => {
    const orphanBytes = await solidImage('png', 12, 12, 9);
    const sha = sha256Of(orphanBytes);
    const orphan = join(library, 'originals', sha.slice(0, 2), `${sha}.png`);
    mkdirSync(join(orphan, '..'), { recursive: true });
    writeFileSync(orphan, orphanBytes);
    const leftover = join(library, '.tmp', 'abc.part');
    writeFileSync(leftover, 'half');
    const longAgo = new Date(Date.now() - 3_600_000);
    for (const file of [orphan, leftover]) utimesSync(file, longAgo, longAgo);

    const check = atelier('library', 'check', '--json');
    expect(check.code).toBe(1);
    expect(check.json()).toMatchObject({
      ok: false,
      missingFiles: [],
      orphanFiles: [`originals/${sha.slice(0, 2)}/${sha}.png`],
      tempFiles: ['.tmp/abc.part'],
      missingThumbs: [],
      repaired: [],
    });
    const repair = atelier('library', 'check', '--repair', '--json');
    expect(repair.code).toBe(0);
    expect(repair.json()).toMatchObject({ ok: true, orphanFiles: [], tempFiles: [] });
    expect(atelier('library', 'check').stdout).toMatch(/The library is sound/);
  });

  it('answers a usage mistake with exit 2 and a message', () => {
    const none = atelier('library', 'show');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/exactly one image id/);
    const unknown = atelier('library', 'show', '0123456789abcdef');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No image with id 0123456789abcdef/);
    expect(atelier('library', 'tag', ids[0]!).code).toBe(2);
  });
});
