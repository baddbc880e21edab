import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import * as tar from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatSdParameters, parseSdParameters } from '../../electron/core/library/metadata/a1111';
import { metadataText } from '../../electron/core/library/metadata/read-generation';
import { openTestLibrary, solidImage, tempDir, type TestLibrary } from './helpers';

let t: TestLibrary;
let other: TestLibrary | null = null;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => {
  t.close();
  other?.close();
  other = null;
});

describe('export', () => {
  it('keeps a JPEG a JPEG, with the parameters other tools read in its EXIF, ours beside them, and a JSON sidecar', async () => {
    const image = await t.library.addImage({
      bytes: await solidImage('jpeg', 40, 20, 1),
      source: 'generated',
      provider: 'fal',
      model: 'flux-pro',
      prompt: 'a misty forest, morning light',
      negativePrompt: 'people',
      params: { Steps: 28, guidance: 3.5, size: '40x20' },
      seed: 99,
    });
    const out = join(t.dir, '..', `${t.dir.split('/').pop()}-export`);
    const { files } = await t.library.export([image.id], out);
    expect(files).toEqual([
      { id: image.id, path: join(out, `${image.id}.jpg`), sidecar: join(out, `${image.id}.json`) },
    ]);
    const exported = await sharp(files[0]!.path).metadata();
    expect([exported.format, exported.width, exported.height]).toEqual(['jpeg', 40, 20]);
    // The pixels are the stored ones, not a re-encode.
    const stored = readFileSync(image.path);
    expect(readFileSync(files[0]!.path).subarray(-stored.length + 2)).toEqual(stored.subarray(2));
    const text = metadataText(readFileSync(files[0]!.path));
    expect(parseSdParameters(text.parameters!)).toEqual({
      prompt: 'a misty forest, morning light',
      negativePrompt: 'people',
      params: { Steps: 28, guidance: 3.5, size: '40x20' },
      seed: 99,
      model: 'flux-pro',
    });
    expect(JSON.parse(text.atelier!)).toMatchObject({
      prompt: 'a misty forest, morning light',
      provider: 'fal',
      seed: 99,
    });
    const sidecar = JSON.parse(readFileSync(files[0]!.sidecar, 'utf8'));
    expect(sidecar).toMatchObject({
      id: image.id,
      prompt: 'a misty forest, morning light',
      model: 'flux-pro',
      file: `${image.id}.jpg`,
    });
    expect(sidecar.path).toBeUndefined();

    // Another Atelier library reads the prompt back from the exported file alone.
    other = openTestLibrary();
    const [again] = (await other.library.import([files[0]!.path])).imported;
    expect(again).toMatchObject({
      prompt: 'a misty forest, morning light',
      negativePrompt: 'people',
      model: 'flux-pro',
      provider: 'fal',
      seed: 99,
    });
  });

  it('formats the settings line the way Stable Diffusion tools write it', () => {
    const text = formatSdParameters({
      prompt: 'cat',
      negativePrompt: null,
      params: { Sampler: 'Euler a', Steps: 20, note: 'a, b' },
      seed: 5,
      model: 'm',
    });
    expect(text).toBe('cat\nSteps: 20, Sampler: Euler a, note: "a, b", Seed: 5, Model: m');
    expect(parseSdParameters('just a prompt, with commas')).toEqual({
      prompt: 'just a prompt, with commas',
      negativePrompt: null,
      params: null,
      seed: null,
      model: null,
    });
  });
});

describe('whole-library archive', () => {
  it('carries every image and fact to another library, and importing it twice adds nothing', async () => {
    const parent = await t.library.addImage({
      bytes: await solidImage('png', 30, 30, 2),
      source: 'generated',
      prompt: 'parent',
      model: 'flux-pro',
      seed: 1,
    });
    const child = await t.library.addImage({
      bytes: await solidImage('webp', 30, 30, 3),
      source: 'edited',
      prompt: 'child',
      parentId: parent.id,
      costUsd: 0.02,
    });
    t.library.tag([child.id], ['best'], []);
    t.library.favorite([child.id], true);
    t.library.rate([parent.id], 2);
    t.library.trash([parent.id]);
    const archive = join(tempDir('atelier-archive-'), 'library.tar');
    const written = await t.library.exportArchive(archive);
    expect(written).toMatchObject({ path: archive, images: 2 });
    expect(existsSync(`${archive}.part`)).toBe(false);

    other = openTestLibrary();
    const result = await other.library.importArchive(archive);
    expect(result.refused).toEqual([]);
    expect(result.imported.map((image) => image.id).sort()).toEqual([parent.id, child.id].sort());
    const strip = (image: Record<string, unknown>) => ({ ...image, path: undefined, thumbPath: undefined });
    expect(strip(other.library.get(child.id))).toEqual(strip(t.library.get(child.id)));
    expect(strip(other.library.get(parent.id))).toEqual(strip(t.library.get(parent.id)));
    expect(existsSync(other.library.get(child.id).thumbPath)).toBe(true);

    const again = await other.library.importArchive(archive);
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toHaveLength(2);
    expect((await other.library.check({ repair: false, graceMs: 0 })).ok).toBe(true);
  });

  it('refuses a file that is not an Atelier archive, and a file whose bytes do not match the manifest', async () => {
    const junk = join(t.dir, 'junk.tar');
    writeFileSync(junk, 'not a tar at all');
    await expect(t.library.importArchive(junk)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(t.library.importArchive(join(t.dir, 'missing.tar'))).rejects.toMatchObject({ code: 'not_found' });

    const image = await t.library.addImage({ bytes: await solidImage('png', 10, 10, 4), source: 'generated' });
    const work = tempDir('atelier-tamper-');
    await t.library.exportArchive(join(work, 'good.tar'));
    await tar.x({ file: join(work, 'good.tar'), cwd: work });
    const stored = join(work, 'originals', image.sha256.slice(0, 2), `${image.sha256}.png`);
    writeFileSync(stored, await solidImage('png', 10, 10, 5));
    await tar.c({ file: join(work, 'bad.tar'), cwd: work }, ['manifest.json', 'originals']);
    other = openTestLibrary();
    const result = await other.library.importArchive(join(work, 'bad.tar'));
    expect(result.imported).toEqual([]);
    expect(result.refused).toEqual([
      { path: expect.stringContaining(image.sha256), reason: expect.stringMatching(/checksum does not match/) },
    ]);
  });
});
