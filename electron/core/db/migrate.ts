// Numbered migrations, applied once each at open. Domains own id ranges (library 1–99, providers
// 100–199, jobs 200–299) and add theirs to migrations/index.ts; gaps between ids are expected.
import type Database from 'better-sqlite3';

export interface Migration {
  id: number;
  name: string;
  up(db: Database.Database): void;
  /** Per-connection setup the schema relies on (SQL functions its triggers call): run on every open, before any migration. */
  connect?(db: Database.Database): void;
}

export interface AppliedMigration {
  id: number;
  name: string;
  appliedAt: number;
}

export function runMigrations(
  db: Database.Database,
  migrations: readonly Migration[],
  now: () => number = Date.now,
): number[] {
  const ids = new Set<number>();
  for (const migration of migrations) {
    if (!Number.isInteger(migration.id) || migration.id <= 0)
      throw new Error(`Migration ${migration.name} has an invalid id ${migration.id}.`);
    if (ids.has(migration.id)) throw new Error(`Two migrations share id ${migration.id}.`);
    ids.add(migration.id);
  }
  for (const migration of migrations) migration.connect?.(db);
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  const pending = [...migrations].filter((migration) => !applied.has(migration.id)).sort((a, b) => a.id - b.id);
  for (const migration of pending) {
    // One transaction per migration: a failing one leaves the database as the previous one left it.
    db.transaction(() => {
      migration.up(db);
      record.run(migration.id, migration.name, now());
    }).immediate();
  }
  return pending.map((migration) => migration.id);
}

export function appliedMigrations(db: Database.Database): AppliedMigration[] {
  return db
    .prepare('SELECT id, name, applied_at AS appliedAt FROM schema_migrations ORDER BY id')
    .all() as AppliedMigration[];
}
