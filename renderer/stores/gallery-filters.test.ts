// The gallery store's filters: every one reaches library.list in the contract's words, a day range covers the
// user's whole days, and a chip's removal (one filter back to its "any" value) drops just that one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFilterSchema } from '../../shared/contract/library';
import { isFiltered, noFilters, useGallery } from './gallery';

const globals = globalThis as { atelier?: unknown };
let calls: Array<{ channel: string; payload: any }> = [];

beforeEach(() => {
  calls = [];
  globals.atelier = {
    invoke: async (channel: string, payload: unknown) => {
      calls.push({ channel, payload });
      return { ok: true, value: { images: [], next: null } };
    },
    on: () => () => {},
  };
  useGallery.setState(useGallery.getInitialState());
});
afterEach(() => {
  delete globals.atelier;
});

const lastList = () => calls.filter((call) => call.channel === 'library.list').at(-1)!.payload;

describe('the gallery filters', () => {
  it('sends every filter, combined, as the contract names them', async () => {
    useGallery.getState().setFilters({
      provider: 'fal',
      model: 'flux-pro',
      tag: 'sky',
      minRating: 3,
      source: 'edited',
      dateFrom: '2026-03-10',
      dateTo: '2026-03-12',
      favorite: true,
    });
    await useGallery.getState().reload();
    const sent = lastList();
    expect(listFilterSchema.parse(sent)).toMatchObject({
      provider: 'fal',
      model: 'flux-pro',
      tag: 'sky',
      minRating: 3,
      source: 'edited',
      favorite: true,
    });
    // From the first instant of the first day to the last of the last, in the user's time.
    expect(Date.parse(sent.createdFrom)).toBe(new Date(2026, 2, 10).getTime());
    expect(Date.parse(sent.createdTo)).toBe(new Date(2026, 2, 13).getTime() - 1);
    expect(isFiltered(useGallery.getState().filters)).toBe(true);
  });

  it('takes one filter away (a chip removed) and says when nothing narrows the gallery', async () => {
    useGallery.getState().setFilters({ provider: 'fal', minRating: 2 });
    useGallery.getState().setFilters({ minRating: noFilters.minRating });
    await useGallery.getState().reload();
    expect(lastList()).toMatchObject({ provider: 'fal' });
    expect(lastList().minRating).toBeUndefined();
    useGallery.getState().setFilters(noFilters);
    await useGallery.getState().reload();
    expect(Object.keys(lastList()).filter((key) => lastList()[key] !== undefined)).toEqual(['sort', 'limit']);
    expect(isFiltered(useGallery.getState().filters)).toBe(false);
  });
});
