// Compiled statements by their SQL text, per connection. A hot path (a job writes its row several
// times, the gallery asks for the same few page shapes, every thumbnail request looks its image up)
// says `cached(db, sql)` where it would say `db.prepare(sql)`, which compiles the SQL again on every
// call. A statement run once per operation over the whole library (check, archive export) just
// prepares it.
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[], unknown>;

const maxStatementsPerConnection = 500;
const caches = new WeakMap<Database.Database, Map<string, Statement>>();

/**
 * The compiled statement for this SQL on this connection, with the result modes a previous caller may
 * have switched on (pluck, expand, raw) reset, so every caller starts from a plain statement.
 */
export function cached(db: Database.Database, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (statement) {
    // Most recently used last, so the oldest is the first to go when the cache is full.
    cache.delete(sql);
    if (statement.reader) statement.pluck(false).expand(false).raw(false);
  } else {
    statement = db.prepare<unknown[], unknown>(sql);
    if (cache.size >= maxStatementsPerConnection) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}
