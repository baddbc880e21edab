// The gallery's page query: filters, full-text search with prefix match, and keyset pagination.
// A cursor holds the sort key of the last row shown, so rows inserted meanwhile never shift a page
// (new images sort before the cursor) and deep pages cost the same as the first. Rows are keyed by
// creation time (images.pk, see add-image.ts), so date order and date ranges are rowid walks.
import type { ImageSource, LibraryImage, ListFilter } from '../../../shared/contract/library';
import { AppError } from '../../../shared/errors';
import { keySlotsPerMs } from './add-image';
import type { LibraryContext } from './context';
import { toMatchPhrase, toSearchText } from './search-text';
import { type ImageRow, imageColumns, toLibraryImage } from './image-row';
import { cached } from '../db/statement-cache';

const defaultPageSize = 60;
type Sort = NonNullable<ListFilter['sort']>;

type KeyColumn = 'pk' | 'rating' | 'cost';

const sortSpecs: Record<Sort, { columns: KeyColumn[]; direction: 'ASC' | 'DESC' }> = {
  newest: { columns: ['pk'], direction: 'DESC' },
  oldest: { columns: ['pk'], direction: 'ASC' },
  rating: { columns: ['rating', 'pk'], direction: 'DESC' },
  // Most expensive first; an image with no price sorts below a free one. Index images_cost (migration 6).
  cost: { columns: ['cost', 'pk'], direction: 'DESC' },
};

/** The SQL of a key column other than the row key (the expression must be the index's, word for word). */
const keySql: Record<Exclude<KeyColumn, 'pk'>, string> = {
  rating: 'i.rating',
  cost: 'coalesce(i.cost_usd, -1)',
};

/** A key column's value in a row, for the cursor. */
function keyOf(row: ImageRow, column: KeyColumn): number {
  if (column === 'pk') return row.pk;
  if (column === 'rating') return row.rating;
  return row.cost_usd ?? -1;
}

/** Date orders walk the row key (or the full-text index in the same order); the others an index of their own. */
const byDate = (sort: Sort) => sort === 'newest' || sort === 'oldest';

interface ListQuery {
  sql: string;
  params: unknown[];
  sort: Sort;
  limit: number;
}

const hasWordCharacter = /[\p{L}\p{N}]/u;

/**
 * Turns what the user typed into an FTS5 query: every word must match, a Latin word as a prefix, a
 * run of Chinese, Japanese or Korean anywhere (see search-text.ts).
 */
function toMatchExpression(text: string): string | null {
  const phrases = text
    .split(/\s+/)
    .map(toMatchPhrase)
    .filter((phrase) => phrase !== null);
  return phrases.length > 0 ? phrases.join(' ') : null;
}

/** The FTS expression for a filter: the words typed, narrowed by the tag when there is one. */
function matchFor(filter: ListFilter): string | null {
  const match = filter.query ? toMatchExpression(filter.query) : null;
  const tag = filter.tag?.trim();
  // The FTS tags column narrows the index walk; the exact tag test stays in the WHERE clause.
  if (match && tag && hasWordCharacter.test(tag))
    return `${match} AND tags : "${toSearchText(tag).replace(/"/g, '""')}"`;
  return match;
}

interface PlanHints {
  /** Rating or cost order with a text search that matches many rows: walk that index and probe the matches. */
  manyMatches?: boolean;
}

export function buildListQuery(filter: ListFilter, hints: PlanHints = {}): ListQuery {
  const sort = filter.sort ?? 'newest';
  const limit = filter.limit ?? defaultPageSize;
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  const trashed = filter.trashed ?? 'exclude';
  // Most images are not in the trash: the unary + keeps SQLite (before any ANALYZE) from reading the trash
  // index for them and sorting the whole library, instead of walking the sort's own index.
  if (trashed === 'exclude') add('+i.trashed_at IS NULL');
  if (trashed === 'only') add('i.trashed_at IS NOT NULL');
  const match = matchFor(filter);
  const tag = filter.tag?.trim();
  // Date order with a text search walks the full-text index itself, newest match first, joined to
  // the rows: it stops after one page instead of collecting every match. (Rating and cost orders cannot.)
  const walkIndex = match !== null && byDate(sort);
  const rowKey = walkIndex ? 'f.rowid' : 'i.pk';
  // For rating and cost order the matches become a set: probed from that order's index when they are many (the
  // page fills early), or walked and sorted when they are few. The unary + keeps SQLite from driving
  // the query from the set in the first case.
  const probe = hints.manyMatches ? '+i.pk' : 'i.pk';
  if (match)
    add(
      walkIndex ? 'f.images_fts MATCH ?' : `${probe} IN (SELECT rowid FROM images_fts WHERE images_fts MATCH ?)`,
      match,
    );
  if (filter.model !== undefined) add('i.model = ?', filter.model);
  if (filter.provider !== undefined) add('i.provider = ?', filter.provider);
  if (filter.source !== undefined) add('i.source = ?', filter.source);
  if (filter.parentId !== undefined) add('i.parent_id = ?', filter.parentId);
  if (filter.favorite !== undefined) add('i.favorite = ?', filter.favorite ? 1 : 0);
  if (filter.minRating !== undefined) add('i.rating >= ?', filter.minRating);
  if (tag !== undefined) {
    // Probed per row when the text search leads, looked up as a set when the tag is the main filter.
    if (match)
      add(
        'EXISTS (SELECT 1 FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = i.id AND t.name = ?)',
        tag,
      );
    else add('i.id IN (SELECT it.image_id FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE t.name = ?)', tag);
  }
  if (filter.createdFrom !== undefined) add(`${rowKey} >= ?`, Date.parse(filter.createdFrom) * keySlotsPerMs);
  if (filter.createdTo !== undefined) add(`${rowKey} < ?`, (Date.parse(filter.createdTo) + 1) * keySlotsPerMs);
  if (filter.minWidth !== undefined) add('i.width >= ?', filter.minWidth);
  if (filter.maxWidth !== undefined) add('i.width <= ?', filter.maxWidth);
  if (filter.minHeight !== undefined) add('i.height >= ?', filter.minHeight);
  if (filter.maxHeight !== undefined) add('i.height <= ?', filter.maxHeight);
  const spec = sortSpecs[sort];
  const keyColumns = spec.columns.map((column) => (column === 'pk' ? rowKey : keySql[column]));
  if (filter.after) {
    const key = decodeCursor(filter.after, sort);
    const operator = spec.direction === 'DESC' ? '<' : '>';
    // A lone key is compared plainly so SQLite (and FTS5) can turn it into a range seek.
    if (keyColumns.length === 1) add(`${keyColumns[0]} ${operator} ?`, ...key);
    else add(`(${keyColumns.join(', ')}) ${operator} (${key.map(() => '?').join(', ')})`, ...key);
  }
  const order = keyColumns.map((column) => `${column} ${spec.direction}`).join(', ');
  const from = walkIndex ? 'images_fts f JOIN images i ON i.pk = f.rowid' : 'images i';
  const sql = `SELECT ${imageColumns} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
  // One extra row tells whether there is a next page without a second query.
  return { sql, params: [...params, limit + 1], sort, limit };
}

/** Above this many matches a rating-ordered text search fills its page from the rating index faster. */
const manyMatches = 2000;

export function planHints(context: LibraryContext, filter: ListFilter): PlanHints {
  const match = matchFor(filter);
  if (byDate(filter.sort ?? 'newest') || !match) return {};
  const counted = cached(context.db, 'SELECT count(*) FROM (SELECT 1 FROM images_fts WHERE images_fts MATCH ? LIMIT ?)')
    .pluck()
    .get(match, manyMatches) as number;
  return { manyMatches: counted >= manyMatches };
}

export function listImages(
  context: LibraryContext,
  filter: ListFilter,
): { images: LibraryImage[]; next: string | null } {
  const query = buildListQuery(filter, planHints(context, filter));
  const rows = cached(context.db, query.sql).all(...query.params) as ImageRow[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > query.limit && last
      ? encodeCursor(
          query.sort,
          sortSpecs[query.sort].columns.map((column) => keyOf(last, column)),
        )
      : null;
  return { images: page.map((row) => toLibraryImage(row, context.store)), next };
}

function encodeCursor(sort: Sort, key: unknown[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key })).toString('base64url');
}

function decodeCursor(cursor: string, sort: Sort): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; k?: unknown };
    const columns = sortSpecs[sort].columns;
    if (
      value.s === sort &&
      Array.isArray(value.k) &&
      value.k.length === columns.length &&
      // A price is any number; row keys and ratings are whole.
      value.k.every((part, index) => (columns[index] === 'cost' ? Number.isFinite(part) : Number.isSafeInteger(part)))
    ) {
      return value.k;
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError(
    'invalid_input',
    'This page cursor does not belong to this list (it was made for another sort or is damaged). Start again from the first page.',
  );
}

/** The images a job stored, in the order it stored them (the runner resumes after the last one). */
export function imageIdsOfJob(context: LibraryContext, jobId: string): string[] {
  return cached(context.db, 'SELECT id FROM images WHERE job_id = ? ORDER BY created_at, rowid')
    .pluck()
    .all(jobId) as string[];
}

interface Facet {
  value: string;
  count: number;
}

/**
 * What the filter menus offer, with how many images (not in the trash) each choice holds: read from the counts the
 * database keeps as rows change (migration 7), never counted over the images, so it stays fast at 100,000.
 */
export const facetSql = {
  values: 'SELECT value, count FROM facet_counts WHERE facet = ? AND count > 0 ORDER BY count DESC, value',
  tags: `SELECT t.name AS value, c.count AS count FROM tag_counts c JOIN tags t ON t.id = c.tag_id
           WHERE c.count > 0 ORDER BY c.count DESC, t.name`,
};

export function facets(context: LibraryContext): {
  models: Facet[];
  providers: Facet[];
  tags: Facet[];
  sources: Array<{ value: ImageSource; count: number }>;
  ratings: Array<{ rating: number; atLeast: number }>;
  favorites: number;
} {
  const values = (facet: string) => cached(context.db, facetSql.values).all(facet) as Facet[];
  const perRating = values('rating') as unknown as Array<{ value: number; count: number }>;
  // The rating filter is "at least n": each figure counts that rating and every one above it.
  const ratings = [1, 2, 3, 4, 5].map((rating) => ({
    rating,
    atLeast: perRating.filter((row) => row.value >= rating).reduce((sum, row) => sum + row.count, 0),
  }));
  const favorite = values('favorite') as unknown as Array<{ value: number; count: number }>;
  return {
    models: values('model'),
    providers: values('provider'),
    tags: cached(context.db, facetSql.tags).all() as Facet[],
    sources: values('source') as Array<{ value: ImageSource; count: number }>,
    ratings,
    favorites: favorite.find((row) => row.value === 1)?.count ?? 0,
  };
}
