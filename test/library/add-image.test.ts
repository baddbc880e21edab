// One intake path: an image from disk, from the browser as bytes, or from a job passes the same check,
// so the same damaged file is refused the same way whichever door it came through.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, noisyPng, type TestLibrary } from './helpers';

let t: TestLibrary;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

async function reasons(bytes: Buffer, name: string): Promise<string[]> {
  const path = join(t.dir, name);
  writeFileSync(path, bytes);
  const fromDisk = await t.library.import([path]);
  const fromBrowser = await t.library.importBuffers([{ name, bytes }]);
  const fromJob = await t.library
    .addImage({ bytes, source: 'generated', jobId: 'job_1' }, { thumbnails: 'later' })
    .then(
      () => 'stored',
      (error: Error) => error.message,
    );
  return [fromDisk.refused[0]?.reason ?? 'stored', fromBrowser.refused[0]?.reason ?? 'stored', fromJob];
}

describe('every new image passes the same check', () => {
  it('refuses a cut-short PNG and a cut-short JPEG with one reason, from disk, as bytes and as a job result', async () => {
    const png = await noisyPng();
    const jpeg = await sharp(await noisyPng(256, 256))
      .jpeg()
      .toBuffer();
    for (const [bytes, name] of [
      [png.subarray(0, Math.floor(png.length / 2)), 'cut.png'],
      [jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'cut.jpg'],
    ] as const) {
      const [fromDisk, ...others] = await reasons(bytes, name);
      expect(fromDisk, name).toMatch(/is damaged: its image data is corrupt or cut short/);
      expect(others, name).toEqual([fromDisk, fromDisk]);
    }
    // Nothing of them was kept, not even the original the check would have written last.
    expect(t.library.list({}).images).toEqual([]);
    expect((await t.library.check({ repair: false, graceMs: 0 })).ok).toBe(true);
  });

  it('an import waits for its thumbnails; a job result leaves them to the background queue', async () => {
    const bytes = await noisyPng(64, 64);
    const [imported] = (await t.library.importBuffers([{ name: 'a.png', bytes }])).imported;
    expect((await t.library.check({ repair: false, graceMs: 0 })).missingThumbs).toEqual([]);
    const generated = await t.library.addImage({ bytes, source: 'generated' }, { thumbnails: 'later' });
    // The same bytes: one file, the thumbnails made for the import serve both rows.
    expect(generated.sha256).toBe(imported!.sha256);
    await t.library.drainThumbnails();
    expect((await t.library.check({ repair: false, graceMs: 0 })).ok).toBe(true);
  });
});
