// Every domain writes `db.prepare(sql).run(...)` where it needs it, which reads well but would compile
// the same SQL again on every call (a job writes its row several times). This keeps compiled
// statements by their SQL text, resetting the result modes a caller may have switched on.
import type Database from 'better-sqlite3';

const maxStatements = 500;

export function cacheStatements(db: Database.Database): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      // Most recently used last, so the oldest is the first to go when the cache is full.
      cache.delete(sql);
      if (statement.reader) statement.pluck(false).expand(false).raw(false);
    } else {
      statement = compile(sql);
      if (cache.size >= maxStatements) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  }) as typeof db.prepare;
}
