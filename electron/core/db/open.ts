// Opens the library database the same way for the app, the CLI, the harness and the tests.
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { type Migration, runMigrations } from './migrate';

export type Db = Database.Database;

interface OpenDatabaseOptions {
  migrations: readonly Migration[];
  /** How long a writer waits for another process (the CLI beside the app) before giving up. */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string, options: OpenDatabaseOptions): Db {
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new AppError(
      'unavailable',
      `The library database ${file} could not be opened (${(error as Error).message}). Check that the folder exists and is writable.`,
    );
  }
  try {
    // WAL lets the gallery read while a job writes; NORMAL sync is durable across app crashes in WAL mode.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    runMigrations(db, options.migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError(
      'unavailable',
      `The library database ${file} is damaged or from a newer Atelier (${(error as Error).message}).`,
    );
  }
}

/** `PRAGMA integrity_check`: an empty list means the database file is sound. */
export function integrityCheck(db: Db): string[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
}
