// The library through the core's one door: validation, envelopes, events and /media paths.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import { solidImage, tempDir } from './helpers';

let core: Core | null = null;
let dir = '';
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the library in the core', () => {
  it('opens atelier.db in the library folder, answers through invoke and pushes library.changed', async () => {
    dir = tempDir('atelier-core-');
    core = await createCore({ libraryDir: dir, transport: 'test' });
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => seen.push({ event, payload }));
    const image = await core.library.addImage({
      bytes: await solidImage('png', 20, 20, 1),
      source: 'generated',
      prompt: 'moon',
    });
    expect(seen).toEqual([{ event: 'library.changed', payload: { reason: 'added', ids: [image.id] } }]);

    const listed = await core.invoke('library.list', { query: 'mo' });
    expect(listed).toMatchObject({ ok: true, value: { images: [{ id: image.id, prompt: 'moon' }], next: null } });
    const rated = await core.invoke('library.rate', { ids: [image.id], rating: 6 });
    expect(rated).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const missing = await core.invoke('library.get', { id: 'ffffffffffffffff' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const extra = await core.invoke('library.list', { sql: 'DROP TABLE images' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    expect(await core.media(`/media/${image.id}/thumb256`)).toMatchObject({ mime: 'image/webp' });
    expect(await core.media(`/media/${image.id}/../../atelier.db`)).toBeNull();
    const facets = await core.invoke('library.facets', {});
    expect(facets).toMatchObject({ ok: true, value: { models: [], providers: [], tags: [] } });
  });
});
