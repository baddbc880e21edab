// What the library's images cost: the price each generated or edited image carries (a job's price
// shared among its images), summed by provider and by the user's day. Trashed images count (the money
// was spent); images deleted for good take their price with them. Rows are keyed by creation time
// (images.pk), so the span is a range walk of the primary key however large the library.
import type { Spend } from '../../../shared/contract/library';
import { cached } from '../db/statement-cache';
import { keySlotsPerMs } from './add-image';
import type { LibraryContext } from './context';

export interface SpendRange {
  from: string;
  to: string;
  utcOffsetMinutes: number;
}

type Figures = Spend['total'];

const figures = `coalesce(sum(cost_usd), 0) AS costUsd, count(*) AS images,
  count(CASE WHEN cost_usd = 0 THEN 1 END) AS freeImages, count(CASE WHEN cost_usd IS NULL THEN 1 END) AS unpricedImages`;
const span = 'FROM images WHERE pk >= ? AND pk < ? AND provider IS NOT NULL';

export function spend(context: LibraryContext, range: SpendRange): Spend {
  const keys = [Date.parse(range.from) * keySlotsPerMs, Date.parse(range.to) * keySlotsPerMs];
  const offsetMs = range.utcOffsetMinutes * 60_000;
  const total = cached(context.db, `SELECT ${figures} ${span}`).get(...keys) as Figures;
  const byProvider = cached(
    context.db,
    `SELECT provider, ${figures} ${span} GROUP BY provider ORDER BY costUsd DESC, images DESC, provider`,
  ).all(...keys) as Spend['byProvider'];
  const byDay = cached(
    context.db,
    `SELECT date((created_at + ?) / 1000, 'unixepoch') AS day, ${figures} ${span} GROUP BY day ORDER BY day`,
  ).all(offsetMs, ...keys) as Spend['byDay'];
  return { total, byProvider, byDay };
}
