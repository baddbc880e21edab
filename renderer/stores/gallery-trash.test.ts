// The gallery store's trash view against a core that answers from a script: what it asks the core,
// and that nothing is deleted for good before the user confirms.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryImage } from '../../shared/contract/library';
import { useGallery } from './gallery';

const globals = globalThis as { atelier?: unknown };
let calls: Array<{ channel: string; payload: unknown }> = [];

function image(id: string): LibraryImage {
  return { id, trashedAt: '2026-01-01T00:00:00.000Z' } as LibraryImage;
}

const answers: Record<string, (payload: any) => unknown> = {
  'library.list': () => ({ images: [image('a'), image('b'), image('c')].map((each) => each), next: null }),
  'library.restore': ({ ids }) => ({ images: ids.map(image) }),
  'library.delete': ({ ids }) => ({ deleted: ids, freedBytes: 1000 * ids.length }),
  'library.emptyTrash': () => ({ deleted: ['a', 'b', 'c'], freedBytes: 9000 }),
};

beforeEach(() => {
  calls = [];
  globals.atelier = {
    invoke: async (channel: string, payload: unknown) => {
      calls.push({ channel, payload });
      return { ok: true, value: answers[channel]!(payload) };
    },
    on: () => () => {},
  };
  useGallery.setState(useGallery.getInitialState());
});
afterEach(() => {
  delete globals.atelier;
});

async function openTrash() {
  useGallery.getState().setFilters({ trash: true });
  await useGallery.getState().reload();
}

describe('the trash view', () => {
  it('lists only trashed images', async () => {
    await openTrash();
    expect(calls.at(-1)).toMatchObject({ channel: 'library.list', payload: { trashed: 'only' } });
    expect(useGallery.getState().images.map((each) => each.id)).toEqual(['a', 'b', 'c']);
    useGallery.getState().setFilters({ trash: false });
    await useGallery.getState().reload();
    expect((calls.at(-1)!.payload as { trashed?: string }).trashed).toBeUndefined();
  });

  it('lets the Undo of a trashing go when the trash opens (it would undo out of sight)', async () => {
    useGallery.setState({ undo: { label: 'trash', ids: ['a'] } });
    useGallery.getState().setFilters({ query: 'sea' });
    expect(useGallery.getState().undo).not.toBeNull();
    await openTrash();
    expect(useGallery.getState().undo).toBeNull();
  });

  it('asks the core for the chosen order', async () => {
    useGallery.getState().setFilters({ sort: 'cost' });
    await useGallery.getState().reload();
    expect(calls.at(-1)).toMatchObject({ channel: 'library.list', payload: { sort: 'cost' } });
  });

  it('restores the chosen images out of the view', async () => {
    await openTrash();
    await useGallery.getState().restore(['b']);
    expect(calls.at(-1)).toEqual({ channel: 'library.restore', payload: { ids: ['b'] } });
    expect(useGallery.getState().images.map((each) => each.id)).toEqual(['a', 'c']);
  });

  it('deletes for good only once confirmed, and says what it freed', async () => {
    await openTrash();
    useGallery.getState().askDeletion({ kind: 'delete', ids: ['a', 'c'] });
    expect(calls.map((call) => call.channel)).not.toContain('library.delete');
    useGallery.getState().cancelDeletion();
    await useGallery.getState().confirmDeletion();
    expect(calls.map((call) => call.channel)).not.toContain('library.delete');

    useGallery.getState().askDeletion({ kind: 'delete', ids: ['a', 'c'] });
    await useGallery.getState().confirmDeletion();
    expect(calls.at(-1)).toEqual({ channel: 'library.delete', payload: { ids: ['a', 'c'] } });
    expect(useGallery.getState().images.map((each) => each.id)).toEqual(['b']);
    expect(useGallery.getState().deleted).toEqual({ count: 2, freedBytes: 2000 });
    expect(useGallery.getState().pendingDeletion).toBeNull();
  });

  it('empties the whole trash once confirmed', async () => {
    await openTrash();
    useGallery.getState().askDeletion({ kind: 'empty' });
    await useGallery.getState().confirmDeletion();
    expect(calls.at(-1)).toEqual({ channel: 'library.emptyTrash', payload: {} });
    expect(useGallery.getState().images).toEqual([]);
    expect(useGallery.getState().deleted).toEqual({ count: 3, freedBytes: 9000 });
  });
});
