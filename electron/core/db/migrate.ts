// Numbered migrations, applied once each at open, each in its own transaction. The migrations and
// their id ranges per domain are listed in migrations/index.ts.
import type Database from 'better-sqlite3';

export interface Migration {
  id: number;
  name: string;
  /** Runs in a transaction; registers any SQL function its own statements call (a copy frozen with it). */
  up(db: Database.Database): void;
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
