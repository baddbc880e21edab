import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { appliedMigrations, type Migration, runMigrations } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { integrityCheck, openDatabase } from '../../electron/core/db/open';
import { tempDir } from './helpers';

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
    expect(appliedMigrations(db).map((migration) => migration.id)).toEqual([1, 105, 150, 200]);
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
    expect(appliedMigrations(db).map((migration) => migration.name)).toEqual(['fixed']);
    db.close();
  });

  it('refuses two migrations with one id', () => {
    const db = openDatabase(dbFile(), { migrations: [] });
    const same = (name: string): Migration => ({ id: 3, name, up: () => {} });
    expect(() => runMigrations(db, [same('a'), same('b')])).toThrow(/share id 3/);
    db.close();
  });

  it('keeps library migrations inside ids 1–99', () => {
    const library = migrations.filter((migration) => migration.name.startsWith('library'));
    expect(library.length).toBeGreaterThan(0);
    for (const migration of library) expect(migration.id).toBeLessThan(100);
  });
});
