// What the library's images cost, by provider and by the user's day: priced, free and unpriced images
// kept apart, imports left out, trashed images still counted, days cut at the user's midnight.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import { openTestLibrary, solidImage, tempDir, type TestLibrary } from './helpers';

let t: TestLibrary | null = null;
let core: Core | null = null;
let dir = '';
afterEach(async () => {
  t?.close();
  await core?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  t = null;
  core = null;
  dir = '';
});

const december = { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };

async function libraryWithSpending(): Promise<TestLibrary> {
  let clock = 0;
  t = openTestLibrary(tempDir(), () => clock);
  let seed = 0;
  const add = async (at: string, provider: string | null, costUsd: number | null) => {
    clock = Date.parse(at);
    return t!.library.addImage({
      bytes: await solidImage('png', 8, 8, ++seed),
      source: provider ? 'generated' : 'imported',
      provider,
      costUsd,
    });
  };
  await add('2026-11-30T12:00:00.000Z', 'openai', 1); // last month
  await add('2026-12-01T23:30:00.000Z', 'openai', 0.04);
  const binned = await add('2026-12-01T23:40:00.000Z', 'openai', 0.04);
  await add('2026-12-02T09:00:00.000Z', 'local', 0);
  await add('2026-12-02T09:01:00.000Z', 'local', 0);
  await add('2026-12-02T10:00:00.000Z', 'fal', null); // no price reported
  await add('2026-12-03T10:00:00.000Z', null, null); // imported: nobody was paid
  t.library.trash([binned.id]);
  return t;
}

describe('spend', () => {
  it('sums this month by provider and by day, free and unpriced images apart, imports left out', async () => {
    const { library } = await libraryWithSpending();
    const spend = library.spend({ ...december, utcOffsetMinutes: 0 });
    expect(spend.total).toEqual({ costUsd: 0.08, images: 5, freeImages: 2, unpricedImages: 1 });
    expect(spend.byProvider).toEqual([
      { provider: 'openai', costUsd: 0.08, images: 2, freeImages: 0, unpricedImages: 0 },
      { provider: 'local', costUsd: 0, images: 2, freeImages: 2, unpricedImages: 0 },
      { provider: 'fal', costUsd: 0, images: 1, freeImages: 0, unpricedImages: 1 },
    ]);
    expect(spend.byDay).toEqual([
      { day: '2026-12-01', costUsd: 0.08, images: 2, freeImages: 0, unpricedImages: 0 },
      { day: '2026-12-02', costUsd: 0, images: 3, freeImages: 2, unpricedImages: 1 },
    ]);
  });

  it("cuts days at the user's midnight: late evening in UTC is the next morning in Shanghai", async () => {
    const { library } = await libraryWithSpending();
    const spend = library.spend({
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      utcOffsetMinutes: 480,
    });
    expect(spend.byDay.map((day) => [day.day, day.images])).toEqual([['2026-12-02', 5]]);
  });

  it('an empty month is zero everywhere, and a span the wrong way round is refused', async () => {
    dir = tempDir('atelier-spend-');
    core = await createCore({ libraryDir: dir, transport: 'test' });
    const empty = await core.invoke('library.spend', { ...december, utcOffsetMinutes: 0 });
    expect(empty).toEqual({
      ok: true,
      value: { total: { costUsd: 0, images: 0, freeImages: 0, unpricedImages: 0 }, byProvider: [], byDay: [] },
    });
    const backwards = await core.invoke('library.spend', { from: december.to, to: december.from, utcOffsetMinutes: 0 });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const tooLong = await core.invoke('library.spend', {
      from: '2020-01-01T00:00:00.000Z',
      to: december.to,
      utcOffsetMinutes: 0,
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
