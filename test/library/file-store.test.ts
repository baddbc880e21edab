import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Of } from '../../electron/core/library/file-store';
import { openTestLibrary, solidImage, type TestLibrary } from './helpers';

let t: TestLibrary;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

describe('addImage (what the jobs engine calls)', () => {
  it('stores the bytes under their sha256 with every fact, and two thumbnails', async () => {
    const bytes = await solidImage('png', 1200, 600, 1);
    const image = await t.library.addImage({
      bytes,
      source: 'generated',
      provider: 'quickrouter',
      model: 'gpt-image-1',
      prompt: 'a red field',
      params: { quality: 'high', size: '1200x600' },
      seed: 12,
      costUsd: 0.04,
      latencyMs: 8123,
      jobId: 'job-1',
    });
    expect(image).toMatchObject({
      sha256: sha256Of(bytes),
      bytes: bytes.length,
      width: 1200,
      height: 600,
      format: 'png',
      costUsd: 0.04,
      latencyMs: 8123,
      jobId: 'job-1',
      seed: 12,
    });
    expect(image.path).toBe(join(t.dir, 'originals', image.sha256.slice(0, 2), `${image.sha256}.png`));
    expect(readFileSync(image.path).equals(bytes)).toBe(true);
    const small = await sharp(image.thumbPath).metadata();
    const large = await sharp(join(t.dir, 'thumbs', image.sha256.slice(0, 2), `${image.sha256}-768.webp`)).metadata();
    expect([small.format, small.width, small.height, large.width, large.height]).toEqual(['webp', 256, 128, 768, 384]);
    expect(t.changes).toEqual([{ reason: 'added', ids: [image.id] }]);
    expect(readdirSync(join(t.dir, '.tmp'))).toEqual([]);
  });

  it('refuses bytes that are not an image, and a parent that does not exist', async () => {
    await expect(
      t.library.addImage({ bytes: Buffer.from('{"error":"quota"}'), source: 'generated' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      t.library.addImage({ bytes: await solidImage('png'), source: 'edited', parentId: 'ffffffffffffffff' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(t.db.prepare('SELECT count(*) FROM images').pluck().get()).toBe(0);
  });

  it('makes thumbnails once, and again only when they went missing', async () => {
    const bytes = await solidImage('jpeg', 300, 300, 2);
    const first = await t.library.addImage({ bytes, source: 'generated' });
    const longAgo = new Date('2020-01-01T00:00:00Z');
    utimesSync(first.thumbPath, longAgo, longAgo);
    await t.library.addImage({ bytes, source: 'generated' });
    expect(statSync(first.thumbPath).mtimeMs).toBe(longAgo.getTime());
    rmSync(first.thumbPath);
    const media = await t.library.resolveMedia(first.id, 'thumb256');
    expect(media).toEqual({ path: first.thumbPath, mime: 'image/webp' });
    expect(existsSync(first.thumbPath)).toBe(true);
  });
});

describe('media for app:// and the harness', () => {
  it('serves by id and variant, and answers null (404) to unknown ids and path tricks', async () => {
    const image = await t.library.addImage({ bytes: await solidImage('webp', 20, 20, 3), source: 'generated' });
    expect(await t.library.resolveMedia(image.id, 'original')).toEqual({ path: image.path, mime: 'image/webp' });
    expect(await t.library.resolveMediaPath(`/media/${image.id}/thumb768?v=2`)).toMatchObject({ mime: 'image/webp' });
    expect(await t.library.resolveMedia('0000000000000000', 'original')).toBeNull();
    expect(await t.library.resolveMedia(image.id, 'thumb999')).toBeNull();
    expect(await t.library.resolveMedia('../../etc/passwd', 'original')).toBeNull();
    for (const trick of [
      `/media/${image.id}/../../atelier.db`,
      `/media/..%2F..%2Fatelier.db/original`,
      `/media/${image.id}%00/original`,
      `/media/${image.id}`,
      `/originals/${image.sha256.slice(0, 2)}/${image.sha256}.webp`,
      `/media/${image.id.toUpperCase()}/original`,
    ]) {
      expect(await t.library.resolveMediaPath(trick)).toBeNull();
    }
    rmSync(image.path);
    expect(await t.library.resolveMedia(image.id, 'original')).toBeNull();
  });
});

describe('check and repair', () => {
  it('finds the file a crash left between file write and row insert, and adopts it', async () => {
    const kept = await t.library.addImage({ bytes: await solidImage('png', 16, 16, 4), source: 'generated' });
    // The state a crash leaves: the atomic write finished, the row insert never ran.
    const orphanBytes = await solidImage('png', 16, 16, 5);
    const orphan = t.library.context.store.originalPath(sha256Of(orphanBytes), 'png');
    await t.library.context.store.writeAtomic(orphan, orphanBytes);
    // …and a second crash mid-write left a temporary file.
    writeFileSync(join(t.dir, '.tmp', 'deadbeef.part'), orphanBytes.subarray(0, 10));

    const report = await t.library.check({ repair: false, graceMs: 0 });
    expect(report).toMatchObject({
      ok: false,
      orphanFiles: [orphan],
      tempFiles: ['.tmp/deadbeef.part'],
      missingFiles: [],
      missingThumbs: [],
    });

    const repaired = await t.library.check({ repair: true, graceMs: 0 });
    expect(repaired).toMatchObject({ ok: true, orphanFiles: [], tempFiles: [] });
    expect(repaired.repaired.join('\n')).toMatch(/adopted unreferenced file originals\/.+ as image [0-9a-f]{16}/);
    const all = t.library.list({}).images;
    expect(all.map((image) => image.sha256).sort()).toEqual([kept.sha256, sha256Of(orphanBytes)].sort());
    expect(existsSync(join(t.dir, '.tmp', 'deadbeef.part'))).toBe(false);
    expect((await t.library.check({ repair: false, graceMs: 0 })).ok).toBe(true);
  });

  it('a write that fails leaves no temporary file and no row behind', async () => {
    const bytes = await solidImage('png', 16, 16, 6);
    const sha256 = sha256Of(bytes);
    // A plain file where the content folder must go: the folder cannot be made, so the rename fails.
    mkdirSync(join(t.dir, 'originals'), { recursive: true });
    writeFileSync(join(t.dir, 'originals', sha256.slice(0, 2)), 'in the way');
    await expect(t.library.addImage({ bytes, source: 'generated' }, { thumbnails: 'later' })).rejects.toThrow();
    expect(readdirSync(join(t.dir, '.tmp'))).toEqual([]);
    expect(t.library.list({}).images).toEqual([]);
  });

  it('leaves young files alone: they may be a write still in progress in the app', async () => {
    writeFileSync(join(t.dir, '.tmp', 'inflight.part'), 'x');
    const report = await t.library.check({ repair: true });
    expect(report.tempFiles).toEqual([]);
    expect(existsSync(join(t.dir, '.tmp', 'inflight.part'))).toBe(true);
  });

  it('remakes missing thumbnails, drops unused ones, and reports a missing original it cannot fix', async () => {
    const a = await t.library.addImage({ bytes: await solidImage('png', 16, 16, 6), source: 'generated' });
    const b = await t.library.addImage({ bytes: await solidImage('png', 16, 16, 7), source: 'generated' });
    rmSync(a.thumbPath);
    rmSync(b.path);
    const stray = join(t.dir, 'thumbs', 'ab', `${'ab'.repeat(32)}-256.webp`);
    mkdirSync(join(stray, '..'), { recursive: true });
    writeFileSync(stray, 'old');
    const report = await t.library.check({ repair: true, graceMs: 0 });
    expect(report.ok).toBe(false);
    expect(report.missingFiles).toEqual([{ id: b.id, path: `originals/${b.sha256.slice(0, 2)}/${b.sha256}.png` }]);
    expect(report.missingThumbs).toEqual([]);
    expect(report.orphanFiles).toEqual([]);
    expect(existsSync(a.thumbPath)).toBe(true);
    expect(existsSync(stray)).toBe(false);
    expect(report.integrity).toEqual([]);
  });
});
