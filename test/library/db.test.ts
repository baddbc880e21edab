import { join } from 'node:path';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Migration, runMigrations } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { type Db, integrityCheck, openDatabase } from '../../electron/core/db/open';
import { cached } from '../../electron/core/db/statement-cache';
import { createLibrary } from '../../electron/core/library/library';
import { openTestLibrary, solidImage, tempDir } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dbFile(): string {
  const dir = tempDir('atelier-db-');
  dirs.push(dir);
  return join(dir, 'atelier.db');
}

describe('the library database', () => {
  it('opens in WAL mode with foreign keys on, a busy timeout, and a clean integrity check', () => {
    const db = openDatabase(dbFile(), { migrations });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(integrityCheck(db)).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['images', 'tags', 'image_tags', 'images_fts', 'schema_migrations']));
    db.close();
  });

  it('applies migrations in id order, once each, across gaps and reopenings', () => {
    const file = dbFile();
    const order: number[] = [];
    const make = (id: number): Migration => ({
      id,
      name: `m${id}`,
      up: (db) => (order.push(id), db.exec(`CREATE TABLE t${id} (x)`)),
    });
    let db = openDatabase(file, { migrations: [make(200), make(1), make(105)] });
    expect(order).toEqual([1, 105, 200]);
    db.close();
    db = openDatabase(file, { migrations: [make(200), make(1), make(105), make(150)] });
    expect(order).toEqual([1, 105, 200, 150]);
    expect(db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all()).toEqual([1, 105, 150, 200]);
    db.close();
  });

  it('rolls a failing migration back whole and applies it on the next open once fixed', () => {
    const file = dbFile();
    const broken: Migration = {
      id: 7,
      name: 'half-done',
      up: (db) => {
        db.exec('CREATE TABLE half (x)');
        throw new Error('disk full');
      },
    };
    expect(() => openDatabase(file, { migrations: [broken] })).toThrow(/disk full/);
    const fixed: Migration = { id: 7, name: 'fixed', up: (db) => db.exec('CREATE TABLE half (x)') };
    const db = openDatabase(file, { migrations: [fixed] });
    expect(db.prepare('SELECT name FROM schema_migrations').pluck().all()).toEqual(['fixed']);
    db.close();
  });

  it('compiles a hot statement once per connection, handing it out plain whatever the last caller switched on', () => {
    const db = openDatabase(dbFile(), { migrations });
    const sql = 'SELECT id, name FROM schema_migrations WHERE id = ?';
    expect(cached(db, sql).pluck().get(1)).toBe(1);
    expect(cached(db, sql)).toBe(cached(db, sql));
    expect(cached(db, sql).get(1)).toEqual({ id: 1, name: 'library: images and tags' });
    // db.prepare itself is left as better-sqlite3 made it: a fresh statement each time.
    expect(db.prepare(sql)).not.toBe(db.prepare(sql));
    db.close();
  });

  it('refuses two migrations with one id', () => {
    const db = openDatabase(dbFile(), { migrations: [] });
    const same = (name: string): Migration => ({ id: 3, name, up: () => {} });
    expect(() => runMigrations(db, [same('a'), same('b')])).toThrow(/share id 3/);
    db.close();
  });
});

const migrationsDir = join(__dirname, '..', '..', 'electron', 'core', 'db', 'migrations');
const migrationFiles = readdirSync(migrationsDir).filter((name) => name !== 'index.ts');
/** The id ranges as they really are: the model catalogue (providers) took 200 before they were written down. */
const ranges: Record<string, Array<[number, number]>> = {
  library: [[1, 99]],
  providers: [
    [100, 199],
    [200, 200],
  ],
  jobs: [[201, 299]],
};

describe('the migrations', () => {
  it('are one self-contained file each, named <id>-<domain>-…, with the id in its domain’s range', async () => {
    expect(migrationFiles.length).toBe(migrations.length);
    for (const name of migrationFiles) {
      const text = readFileSync(join(migrationsDir, name), 'utf8');
      // Only the Migration type and Node built-ins: never live code that could change what an old migration does.
      const imports = [...text.matchAll(/^import\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
      expect(
        imports.filter((spec) => spec !== '../migrate' && !spec!.startsWith('node:')),
        name,
      ).toEqual([]);
      expect(text, name).toMatch(/^import type \{ Migration \} from '\.\.\/migrate';$/m);
      const [, id, domain] = /^(\d{3})-([a-z]+)-?.*\.ts$/.exec(name) ?? [];
      const exported = Object.values(await import(join(migrationsDir, name))) as Migration[];
      expect(
        exported.map((migration) => migration.id),
        name,
      ).toEqual([Number(id)]);
      expect(migrations, name).toContain(exported[0]);
      expect(
        ranges[domain!]?.some(([from, to]) => Number(id) >= from && Number(id) <= to),
        `${name}: id ${id} is outside the ${domain} range`,
      ).toBe(true);
    }
    expect(new Set(migrations.map((migration) => migration.id)).size).toBe(migrations.length);
  });

  it('bring a database left at any earlier version to the schema a new one gets, keeping its images searchable', async () => {
    const schemaOf = (db: Db) =>
      db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
    const fresh = openDatabase(dbFile(), { migrations });
    const current = schemaOf(fresh);
    fresh.close();
    const ids = migrations.map((migration) => migration.id).sort((a, b) => a - b);
    for (const version of ids.slice(0, -1)) {
      const dir = tempDir();
      const old = openDatabase(join(dir, 'atelier.db'), {
        migrations: migrations.filter((migration) => migration.id <= version),
      });
      // An image with katakana in its prompt and its tag, stored the way that version stored it.
      const library = createLibrary({ db: old, libraryDir: dir });
      const image = await library.addImage({
        bytes: await solidImage('png', 16, 16, version),
        source: 'generated',
        prompt: '窓辺で眠るネコ',
      });
      library.tag([image.id], ['ボート']);
      old.close();

      const t = openTestLibrary(dir);
      try {
        expect(schemaOf(t.db), `from version ${version}`).toEqual(current);
        expect(integrityCheck(t.db)).toEqual([]);
        for (const query of ['ねこ', 'ネコ', '眠る', 'ぼーと'])
          expect(
            t.library.list({ query }).images.map((found) => found.id),
            `${query} from version ${version}`,
          ).toEqual([image.id]);
      } finally {
        t.close();
      }
    }
  });
});
