// Reveal in the file manager and dragging an image out: the core finds the original by id and makes a PNG icon
// Electron can read; the shell only hands them to the OS. Without a shell (browser UI, CLI) both are unavailable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { dragOriginal, type FileHost, revealOriginal } from '../../electron/core/library/os-file';
import { openTestLibrary, solidImage, type TestLibrary } from './helpers';

let t: TestLibrary;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

function recordingHost() {
  const calls: Array<{ what: 'reveal' | 'drag'; path: string; icon?: Buffer }> = [];
  const host: FileHost = {
    reveal: (path) => calls.push({ what: 'reveal', path }),
    startDrag: (path, icon) => calls.push({ what: 'drag', path, icon }),
  };
  return { host, calls };
}

describe('handing an original to the OS', () => {
  it('reveals and drags the original file itself, with an icon the shell can read', async () => {
    const image = await t.library.addImage({ bytes: await solidImage('webp', 300, 200, 7), source: 'imported' });
    const original = t.library.context.store.absolute(image.path);
    const { host, calls } = recordingHost();
    expect(await revealOriginal(t.library.context, host, image.id)).toEqual({ revealed: true });
    expect(await dragOriginal(t.library.context, host, image.id)).toEqual({ started: true });
    expect(calls.map(({ what, path }) => ({ what, path }))).toEqual([
      { what: 'reveal', path: original },
      { what: 'drag', path: original },
    ]);
    const icon = await sharp(calls[1]!.icon!).metadata();
    expect(icon).toMatchObject({ format: 'png', width: 96, height: 64 });
  });

  it('answers unavailable without a shell and not_found for an image with no file', async () => {
    const image = await t.library.addImage({ bytes: await solidImage('png', 8, 8, 1), source: 'imported' });
    await expect(revealOriginal(t.library.context, undefined, image.id)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(dragOriginal(t.library.context, undefined, image.id)).rejects.toMatchObject({ code: 'unavailable' });
    const { host, calls } = recordingHost();
    await expect(revealOriginal(t.library.context, host, '0123456789abcdef')).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(calls).toEqual([]);
  });
});
