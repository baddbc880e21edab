import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildListQuery, facetSql } from '../../electron/core/library/query';
import { imageSorts, type LibraryImage } from '../../shared/contract/library';
import { openTestLibrary, solidImage, type TestLibrary } from './helpers';

let t: TestLibrary;
let clock: number;
beforeEach(() => {
  clock = Date.parse('2026-03-01T10:00:00Z');
  t = openTestLibrary(undefined, () => (clock += 1000));
});
afterEach(() => t.close());

let seed = 0;
async function add(
  facts: Partial<Parameters<TestLibrary['library']['addImage']>[0]> = {},
  size: [number, number] = [32, 32],
): Promise<LibraryImage> {
  return t.library.addImage({
    bytes: await solidImage('png', size[0], size[1], ++seed),
    source: 'generated',
    ...facts,
  });
}

const ids = (images: LibraryImage[]) => images.map((image) => image.id);

describe('the gallery query', () => {
  it('pages newest first with a cursor that stays put when new images arrive', async () => {
    const made: LibraryImage[] = [];
    for (let index = 0; index < 7; index++) made.push(await add({ prompt: `picture ${index}` }));
    const newestFirst = ids(made).reverse();
    const first = t.library.list({ limit: 3 });
    expect(ids(first.images)).toEqual(newestFirst.slice(0, 3));
    // Two images arrive while the user is scrolling: the next page neither repeats nor skips.
    await add({ prompt: 'late arrival' });
    await add({ prompt: 'another late arrival' });
    const second = t.library.list({ limit: 3, after: first.next! });
    expect(ids(second.images)).toEqual(newestFirst.slice(3, 6));
    const third = t.library.list({ limit: 3, after: second.next! });
    expect(ids(third.images)).toEqual(newestFirst.slice(6));
    expect(third.next).toBeNull();
  });

  it('orders by creation time even when an older image is stored later (an archive, a clock change)', async () => {
    const recent = await add();
    clock -= 3_600_000;
    const older = await add();
    clock += 7_200_000;
    const newest = await add();
    expect(ids(t.library.list({}).images)).toEqual([newest.id, recent.id, older.id]);
    expect(ids(t.library.list({ createdTo: recent.createdAt, createdFrom: older.createdAt }).images)).toEqual([
      recent.id,
      older.id,
    ]);
  });

  it('combines a text search with a tag of several words or odd characters', async () => {
    const a = await add({ prompt: 'harbour at night' });
    const b = await add({ prompt: 'harbour at noon' });
    t.library.tag([a.id], ['sci-fi "noir"'], []);
    t.library.tag([b.id], ['sci'], []);
    expect(ids(t.library.list({ query: 'harb', tag: 'sci-fi "noir"' }).images)).toEqual([a.id]);
    expect(ids(t.library.list({ query: 'harb', tag: 'sci' }).images)).toEqual([b.id]);
    expect(ids(t.library.list({ query: 'harb', tag: '★' }).images)).toEqual([]);
  });

  it('sorts oldest first and by rating, and refuses a cursor made for another sort', async () => {
    const a = await add();
    const b = await add();
    const c = await add();
    t.library.rate([a.id], 5);
    t.library.rate([c.id], 3);
    expect(ids(t.library.list({ sort: 'oldest' }).images)).toEqual([a.id, b.id, c.id]);
    const byRating = t.library.list({ sort: 'rating', limit: 2 });
    expect(ids(byRating.images)).toEqual([a.id, c.id]);
    expect(ids(t.library.list({ sort: 'rating', after: byRating.next! }).images)).toEqual([b.id]);
    expect(() => t.library.list({ sort: 'oldest', after: byRating.next! })).toThrow(/another sort/);
  });

  it('sorts most expensive first, a free image above one with no price, and pages by cost without repeats', async () => {
    const prices = [0.04, null, 0, 0.013333333333333334, 0.04, 1.5, null, 0.0025];
    const made: LibraryImage[] = [];
    for (const costUsd of prices) made.push(await add({ costUsd, prompt: 'priced lake' }));
    const all = t.library.list({ sort: 'cost', limit: 100 }).images;
    expect(all.map((image) => image.costUsd)).toEqual([1.5, 0.04, 0.04, 0.013333333333333334, 0.0025, 0, null, null]);
    // Equal prices: newest first, as everywhere else.
    expect(ids(all.slice(1, 3))).toEqual([made[4]!.id, made[0]!.id]);
    for (const query of [undefined, 'lak']) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = t.library.list({ sort: 'cost', query, limit: 3, after });
        seen.push(...ids(page.images));
        after = page.next ?? undefined;
      } while (after);
      expect(seen).toEqual(ids(all));
    }
    expect(() => t.library.list({ sort: 'rating', after: t.library.list({ sort: 'cost', limit: 1 }).next! })).toThrow(
      /another sort/,
    );
  });

  it('pages by cost and by rating from their indexes, never sorting the whole library (100,000 images stay fast)', () => {
    // Before any ANALYZE (never run), SQLite took the trash index for "not in the trash" and sorted every row.
    for (const [sort, index] of [
      ['cost', 'images_cost'],
      ['rating', 'images_rating'],
    ] as const) {
      const query = buildListQuery({ sort, favorite: true, limit: 120 });
      const plan = t.db
        .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .all(...query.params)
        .map((row) => (row as { detail: string }).detail)
        .join('\n');
      expect(plan).toContain(index);
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });

  it('finds words by prefix in prompts, tags and original file names', async () => {
    const cat = await add({ prompt: 'A fluffy orange cat on a windowsill' });
    const dog = await add({ prompt: 'a dog in the snow', negativePrompt: 'cartoonish' });
    const tagged = await add({ prompt: 'abstract shapes' });
    t.library.tag([tagged.id], ['Catalogue']);
    const dir = join(t.dir, 'inbox');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sunset-beach.png'), await solidImage('png', 8, 8, 99));
    const [named] = (await t.library.import([join(dir, 'sunset-beach.png')])).imported;
    expect(ids(t.library.list({ query: 'suns' }).images)).toEqual([named!.id]);
    expect(ids(t.library.list({ query: 'cat' }).images).sort()).toEqual([cat.id, tagged.id].sort());
    expect(ids(t.library.list({ query: 'flu ora' }).images)).toEqual([cat.id]);
    expect(ids(t.library.list({ query: 'cartoon' }).images)).toEqual([dog.id]);
    expect(ids(t.library.list({ query: 'catalogue' }).images)).toEqual([tagged.id]);
    expect(t.library.list({ query: 'zebra' }).images).toEqual([]);
    // Punctuation and FTS syntax in what the user types are taken as plain text.
    expect(ids(t.library.list({ query: '"cat" ( -' }).images).sort()).toEqual([cat.id, tagged.id].sort());
    // Removing the tag takes it out of the index too.
    t.library.tag([tagged.id], [], ['catalogue']);
    expect(ids(t.library.list({ query: 'catalogue' }).images)).toEqual([]);
  });

  it('pages a text search in every sort order without repeats or gaps', async () => {
    const made: LibraryImage[] = [];
    for (let index = 0; index < 9; index++)
      made.push(await add({ prompt: index % 3 === 0 ? 'a quiet lake' : 'lakeside cabin' }));
    for (const [index, image] of made.entries()) t.library.rate([image.id], index % 4);
    for (const sort of imageSorts) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = t.library.list({ query: 'lak', sort, limit: 2, after });
        seen.push(...ids(page.images));
        after = page.next ?? undefined;
      } while (after);
      expect(seen).toEqual(ids(t.library.list({ query: 'lak', sort, limit: 100 }).images));
      expect([...seen].sort()).toEqual(ids(made).sort());
    }
    const byRating = t.library.list({ query: 'lak', sort: 'rating', limit: 100 }).images.map((image) => image.rating);
    expect(byRating).toEqual([...byRating].sort((a, b) => b - a));
    // The plan used when a search matches thousands of images gives the same page.
    for (const hints of [{}, { manyMatches: true }]) {
      const query = buildListQuery({ query: 'lak', sort: 'rating', limit: 4 }, hints);
      const rows = t.db.prepare(query.sql).all(...query.params) as Array<{ id: string }>;
      expect(rows.slice(0, 4).map((row) => row.id)).toEqual(
        ids(t.library.list({ query: 'lak', sort: 'rating', limit: 4 }).images),
      );
    }
  });

  it('filters by model, provider, tag, favourite, rating, source, date, size and lineage', async () => {
    const parent = await add({ model: 'flux-pro', provider: 'fal' }, [64, 32]);
    const child = await add(
      { model: 'gpt-image-1', provider: 'quickrouter', parentId: parent.id, prompt: 'edit' },
      [32, 64],
    );
    const third = await add({ model: 'flux-pro', provider: 'quickrouter', source: 'edited' });
    t.library.tag([parent.id, third.id], ['keep']);
    t.library.favorite([child.id], true);
    t.library.rate([third.id], 4);
    const list = (filter: Parameters<TestLibrary['library']['list']>[0]) => ids(t.library.list(filter).images).sort();
    expect(list({ model: 'flux-pro' })).toEqual([parent.id, third.id].sort());
    expect(list({ provider: 'quickrouter' })).toEqual([child.id, third.id].sort());
    expect(list({ tag: 'KEEP' })).toEqual([parent.id, third.id].sort());
    expect(list({ favorite: true })).toEqual([child.id]);
    expect(list({ minRating: 4 })).toEqual([third.id]);
    expect(list({ source: 'edited' })).toEqual([third.id]);
    expect(list({ parentId: parent.id })).toEqual([child.id]);
    expect(list({ minWidth: 60 })).toEqual([parent.id]);
    expect(list({ minHeight: 60, maxWidth: 40 })).toEqual([child.id]);
    expect(list({ createdFrom: child.createdAt, createdTo: child.createdAt })).toEqual([child.id]);
    expect(list({ model: 'flux-pro', provider: 'quickrouter', tag: 'keep' })).toEqual([third.id]);
  });

  it('leaves trashed images out unless asked, and lists the trash on its own', async () => {
    const kept = await add();
    const binned = await add();
    t.library.trash([binned.id]);
    expect(ids(t.library.list({}).images)).toEqual([kept.id]);
    expect(ids(t.library.list({ trashed: 'only' }).images)).toEqual([binned.id]);
    expect(ids(t.library.list({ trashed: 'include' }).images)).toEqual([binned.id, kept.id]);
  });

  it('offers facets for the filter menus from images not in the trash', async () => {
    const a = await add({ model: 'flux-pro', provider: 'fal' });
    const b = await add({ model: 'flux-pro', provider: 'fal' });
    const c = await add({ model: 'dall-e-3', provider: 'openai' });
    await add({ source: 'edited', parentId: a.id, model: 'flux-pro', provider: 'fal' });
    t.library.rate([a.id], 4);
    t.library.rate([b.id], 2);
    t.library.rate([c.id], 5);
    t.library.tag([a.id, c.id], ['sky']);
    t.library.trash([c.id]);
    expect(t.library.facets()).toEqual({
      models: [{ value: 'flux-pro', count: 3 }],
      providers: [{ value: 'fal', count: 3 }],
      tags: [{ value: 'sky', count: 1 }],
      favorites: 0,
      sources: [
        { value: 'generated', count: 2 },
        { value: 'edited', count: 1 },
      ],
      ratings: [
        { rating: 1, atLeast: 2 },
        { rating: 2, atLeast: 2 },
        { rating: 3, atLeast: 1 },
        { rating: 4, atLeast: 1 },
        { rating: 5, atLeast: 0 },
      ],
    });
  });

  it('keeps every count true through adding, rating, tagging, trashing, restoring and deleting', async () => {
    // The counts the database keeps (migration 7) against the same counts made the slow way, over the rows.
    const counted = () => {
      const slow = (column: string) =>
        t.db
          .prepare(
            `SELECT ${column} AS value, count(*) AS count FROM images WHERE ${column} IS NOT NULL AND trashed_at IS NULL GROUP BY ${column} ORDER BY count DESC, value`,
          )
          .all() as Array<{ value: string; count: number }>;
      const perRating = slow('rating') as unknown as Array<{ value: number; count: number }>;
      return {
        models: slow('model'),
        providers: slow('provider'),
        tags: t.db
          .prepare(
            `SELECT t.name AS value, count(*) AS count FROM image_tags it JOIN images i ON i.id = it.image_id JOIN tags t ON t.id = it.tag_id
              WHERE i.trashed_at IS NULL GROUP BY t.id ORDER BY count DESC, value`,
          )
          .all(),
        sources: slow('source'),
        ratings: [1, 2, 3, 4, 5].map((rating) => ({
          rating,
          atLeast: perRating.filter((row) => row.value >= rating).reduce((sum, row) => sum + row.count, 0),
        })),
        favorites:
          (slow('favorite') as unknown as Array<{ value: number; count: number }>).find((row) => row.value === 1)
            ?.count ?? 0,
      };
    };
    const steps: Array<() => unknown> = [];
    const a = await add({ model: 'flux-pro', provider: 'fal' });
    const b = await add({ model: 'flux-pro', provider: 'fal' });
    const c = await add({ model: '1024', provider: 'openai' });
    const d = await add({ source: 'imported' });
    steps.push(
      () => t.library.tag([a.id, b.id, c.id], ['sky', 'sea']),
      () => t.library.rate([a.id, c.id], 5),
      () => t.library.rate([a.id], 3),
      () => t.library.favorite([b.id, d.id], true),
      () => t.library.trash([a.id, d.id]),
      () => t.library.tag([a.id, b.id], ['night'], ['sea']),
      () => t.library.restore([a.id]),
      () => t.library.trash([c.id]),
      // A trashed image deleted for good, and a shown one deleted directly: its tags go with it.
      () => t.library.delete([c.id]),
      () => t.library.delete([b.id]),
      () => t.library.tag([a.id], [], ['sky', 'night']),
    );
    expect(t.library.facets()).toEqual(counted());
    for (const [index, step] of steps.entries()) {
      await step();
      expect(t.library.facets(), `after step ${index + 1}`).toEqual(counted());
    }
    // A model named with digits is text in the counts, as in the rows.
    expect(t.library.facets().models).toEqual([{ value: 'flux-pro', count: 1 }]);
  });

  it('reads the counts by key, never walking the images (fast at 100,000)', () => {
    expect(planOf(facetSql.values, ['model'])).toContain('SEARCH facet_counts USING PRIMARY KEY (facet=?)');
    // One row per tag in tag_counts (c), each joined to its name by key.
    expect(planOf(facetSql.tags, [])).toMatch(/^SCAN c\nSEARCH t USING INTEGER PRIMARY KEY/);
  });

  it('combines every filter: provider, model, tag, rating, source, dates and favourite', async () => {
    const made: LibraryImage[] = [];
    const image = async (facts: Parameters<typeof add>[0] = {}, rating = 4, favorite = true) => {
      const added = await add({ provider: 'fal', model: 'flux-pro', ...facts });
      t.library.rate([added.id], rating);
      t.library.favorite([added.id], favorite);
      made.push(added);
      return added;
    };
    const hit = await image();
    t.library.tag([hit.id], ['sky']);
    // Each of these misses exactly one of the filters below.
    const misses = [
      await image({ provider: 'openai' }),
      await image({ model: 'flux-dev' }),
      await image({}, 4, false),
      await image({}, 2),
      await image({ source: 'imported' }),
      await image(),
    ];
    // The last one matches everything but the date range (and gets the tag too).
    t.library.tag(ids(misses), ['sky']);
    const late = await image();
    t.library.tag([late.id], ['sky']);
    const filter = {
      provider: 'fal',
      model: 'flux-pro',
      tag: 'sky',
      minRating: 3,
      source: 'generated',
      favorite: true,
      createdFrom: hit.createdAt,
      createdTo: misses[4]!.createdAt,
    } as const;
    expect(ids(t.library.list(filter).images)).toEqual([hit.id]);
    // Each filter alone lets its own miss through.
    expect(ids(t.library.list({ ...filter, createdTo: undefined }).images)).toEqual([late.id, misses[5]!.id, hit.id]);
    expect(ids(t.library.list({ ...filter, provider: undefined }).images)).toEqual([misses[0]!.id, hit.id]);
    expect(ids(t.library.list({ ...filter, minRating: 2 }).images)).toEqual([misses[3]!.id, hit.id]);
    expect(ids(t.library.list({ ...filter, source: 'imported' }).images)).toEqual([misses[4]!.id]);
  });
});

function planOf(sql: string, params: unknown[]): string {
  return t.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => (row as { detail: string }).detail)
    .join('\n');
}
