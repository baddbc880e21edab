// The trash through the core's door: browse what is in it, restore, delete for good, empty it. Deleting
// frees the disk (originals and thumbnails) except for bytes an image outside the trash still uses.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { LibraryImage } from '../../shared/contract/library';
import { noisyPng, solidImage, tempDir } from './helpers';

let core: Core | null = null;
let dir = '';
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Core> {
  dir = tempDir('atelier-trash-');
  core = await createCore({ libraryDir: dir, transport: 'test' });
  return core;
}

/** One call through the core's door, its value or the error it answered. */
async function call<K extends ChannelName>(channel: K, payload: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = (await core!.invoke(channel, payload)) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as ChannelOutput<K>;
}

const filesOf = (image: LibraryImage) => [
  image.path,
  join(dir, 'thumbs', image.sha256.slice(0, 2), `${image.sha256}-256.webp`),
  join(dir, 'thumbs', image.sha256.slice(0, 2), `${image.sha256}-768.webp`),
];

describe('the trash', () => {
  it('lists only trashed images, restores them, and deletes one for good', async () => {
    const core = await open();
    const kept = await core.library.addImage({ bytes: await solidImage('png', 8, 8, 1), source: 'generated' });
    const binned = await core.library.addImage({ bytes: await solidImage('png', 8, 8, 2), source: 'generated' });
    const gone = await core.library.addImage({ bytes: await noisyPng(64, 64), source: 'generated' });
    await call('library.trash', { ids: [binned.id, gone.id] });

    const trash = await call('library.list', { trashed: 'only' });
    expect(trash.images.map((image) => image.id).sort()).toEqual([binned.id, gone.id].sort());
    const shown = await call('library.list', {});
    expect(shown.images.map((image) => image.id)).toEqual([kept.id]);

    await call('library.restore', { ids: [binned.id] });
    const deleted = await call('library.delete', { ids: [gone.id] });
    expect(deleted.deleted).toEqual([gone.id]);
    expect(deleted.freedBytes).toBeGreaterThan(0);
    expect(filesOf(gone).some(existsSync)).toBe(false);
    const after = await call('library.list', { trashed: 'only' });
    expect(after.images).toEqual([]);
  });

  it('empties the trash: every trashed image gone with its files, a file still used outside the trash kept', async () => {
    const core = await open();
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => seen.push({ event, payload }));
    const shared = await noisyPng(120, 120);
    const outside = await core.library.addImage({ bytes: shared, source: 'generated', prompt: 'kept' });
    const twin = await core.library.addImage({ bytes: shared, source: 'generated', prompt: 'twin' });
    const alone = await core.library.addImage({ bytes: await noisyPng(90, 90), source: 'generated' });
    await call('library.trash', { ids: [twin.id, alone.id] });
    seen.length = 0;

    const emptied = await call('library.emptyTrash', {});
    expect([...emptied.deleted].sort()).toEqual([twin.id, alone.id].sort());
    expect(emptied.freedBytes).toBeGreaterThan(alone.bytes);
    expect(filesOf(alone).some(existsSync)).toBe(false);
    expect(filesOf(outside).every(existsSync)).toBe(true);
    expect(seen).toEqual([{ event: 'library.changed', payload: { reason: 'deleted', ids: emptied.deleted } }]);
    expect((await call('library.list', {})).images.map((image) => image.id)).toEqual([outside.id]);
    expect((await core.library.check({ repair: false, graceMs: 0 })).ok).toBe(true);

    // An empty trash empties to nothing, and says nothing changed.
    expect(await call('library.emptyTrash', {})).toEqual({ deleted: [], freedBytes: 0 });
    expect(seen).toHaveLength(1);
  });
});
