import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/contract/library';
import { createCore, type Core } from '../../electron/core/core';

let core: Core;
beforeAll(async () => {
  core = await createCore({ libraryDir: mkdtempSync(join(tmpdir(), 'atelier-importbytes-')), transport: 'test' });
});
afterAll(() => core.close());

describe('library.importFiles (files dropped into a window that cannot see paths)', () => {
  it('imports good bytes under their file name, refuses bad ones by name with the reason, and dedupes', async () => {
    const good = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#205080' } })
      .png()
      .toBuffer();
    const answer = await core.invoke('library.importFiles', {
      files: [
        { name: 'C:\\Users\\me\\Desktop\\harbour.png', base64: good.toString('base64') },
        { name: 'notes.png', base64: Buffer.from('plain text').toString('base64') },
        { name: 'cut.png', base64: good.subarray(0, 60).toString('base64') },
      ],
    });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const value = answer.value as ImportResult;
    expect(value.imported.map((image) => [image.originalName, image.width, image.source])).toEqual([
      ['harbour.png', 64, 'imported'],
    ]);
    expect(value.refused.map((item) => item.path)).toEqual(['notes.png', 'cut.png']);
    expect(value.refused[0]!.reason).toMatch(/not an image/);

    const again = await core.invoke('library.importFiles', {
      files: [{ name: 'copy.png', base64: good.toString('base64') }],
    });
    expect(again.ok && (again.value as ImportResult).duplicates).toHaveLength(1);
    expect(core.library.list({}).images).toHaveLength(1);
  });

  it('refuses an empty list and non-base64 payload shapes before touching the library', async () => {
    expect(await core.invoke('library.importFiles', { files: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await core.invoke('library.importFiles', { files: [{ name: 'x.png' }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });
});
