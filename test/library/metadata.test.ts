// What users bring from other tools: each generator's metadata, as that tool writes it, gives the
// prompt, negative prompt, seed (exactly, however long) and model, names the tool in params.generator,
// and survives an export and an import into another library.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryImage } from '../../shared/contract/library';
import { metadataText } from '../../electron/core/library/metadata/read-generation';
import { openTestLibrary, type TestLibrary } from './helpers';
import {
  a1111Text,
  comfyPrompt,
  comfyWorkflow,
  exifWithUserComment,
  fooocusText,
  hugeSeed,
  invokeText,
  jpegWithExif,
  novelAiComment,
  pngWithText,
  swarmText,
  tensorArtText,
  webpWithExif,
} from './metadata-fixtures';

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

async function importOne(library: TestLibrary, name: string, bytes: Buffer): Promise<LibraryImage> {
  const result = await library.library.importBuffers([{ name, bytes }]);
  expect(result.refused).toEqual([]);
  return result.imported[0]!;
}

interface Case {
  name: string;
  file: () => Promise<Buffer>;
  expected: Partial<LibraryImage>;
  generator: string;
  params?: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'A1111 parameters in a zTXt chunk after the image data',
    file: () => pngWithText([], [{ type: 'zTXt', keyword: 'parameters', text: a1111Text }], 1),
    expected: {
      prompt: 'a lighthouse at dusk, テスト',
      negativePrompt: 'blurry, text',
      seed: 3782896554,
      model: 'dreamshaper_8',
    },
    generator: 'a1111',
    params: { Steps: 20, Sampler: 'DPM++ 2M', 'CFG scale': 7 },
  },
  {
    name: 'A1111 parameters in a UTF-8 tEXt chunk (read as UTF-8, not Latin-1)',
    file: () => pngWithText([{ type: 'tEXt', keyword: 'parameters', text: a1111Text }], [], 2),
    expected: { prompt: 'a lighthouse at dusk, テスト', seed: 3782896554, model: 'dreamshaper_8' },
    generator: 'a1111',
  },
  {
    name: 'A1111 parameters in a JPEG EXIF UserComment (UNICODE, big-endian as piexif writes it)',
    file: () => jpegWithExif(exifWithUserComment(a1111Text, 'utf16be'), 3),
    expected: {
      prompt: 'a lighthouse at dusk, テスト',
      negativePrompt: 'blurry, text',
      seed: 3782896554,
      model: 'dreamshaper_8',
    },
    generator: 'a1111',
  },
  {
    name: 'A1111 parameters in a WebP EXIF UserComment (ASCII)',
    file: () => webpWithExif(exifWithUserComment(a1111Text.replace(', テスト', ''), 'ascii'), 4),
    expected: { prompt: 'a lighthouse at dusk', seed: 3782896554, model: 'dreamshaper_8' },
    generator: 'a1111',
  },
  {
    name: 'ComfyUI prompt graph with a seed beyond 2^53',
    file: () =>
      pngWithText(
        [
          { type: 'tEXt', keyword: 'prompt', text: comfyPrompt },
          { type: 'tEXt', keyword: 'workflow', text: comfyWorkflow },
        ],
        [],
        5,
      ),
    expected: { prompt: 'a red fox in snow', negativePrompt: 'watermark', seed: hugeSeed, model: 'sdxl_base_1.0' },
    generator: 'comfyui',
    params: { steps: 24, cfg: 6.5, sampler: 'dpmpp_2m', scheduler: 'karras', width: 832, height: 1216 },
  },
  {
    name: 'SwarmUI JSON in parameters (UTF-16LE UserComment of a JPEG)',
    file: () => jpegWithExif(exifWithUserComment(swarmText, 'utf16le'), 6),
    expected: { prompt: 'a castle on a hill', negativePrompt: 'fog', seed: 2083100758, model: 'juggernautXL_v9' },
    generator: 'swarmui',
    params: { steps: 20, cfgscale: 7 },
  },
  {
    name: 'Fooocus JSON in parameters, its seed beyond 2^53 as text',
    file: () =>
      pngWithText(
        [
          { type: 'tEXt', keyword: 'parameters', text: fooocusText },
          { type: 'tEXt', keyword: 'fooocus_scheme', text: 'fooocus' },
        ],
        [],
        7,
      ),
    expected: {
      prompt: 'a smiling goldfish',
      negativePrompt: 'blur',
      seed: '6952411511246973023',
      model: 'juggernautXL_v8Rundiffusion',
    },
    generator: 'fooocus',
    params: { steps: 30, guidance_scale: 4 },
  },
  {
    name: 'InvokeAI invokeai_metadata (iTXt, compressed)',
    file: () => pngWithText([{ type: 'iTXt', keyword: 'invokeai_metadata', text: invokeText }], [], 8),
    expected: {
      prompt: 'an oil painting of a harbour',
      negativePrompt: 'grainy',
      seed: 3951921344,
      model: 'juggernautXL',
    },
    generator: 'invokeai',
  },
  {
    name: 'InvokeAI 2.x Dream',
    file: () =>
      pngWithText(
        [
          {
            type: 'tEXt',
            keyword: 'Dream',
            text: '"a quiet forest lake" -s 50 -S 2980747362 -W 512 -H 768 -C 5 -A k_lms',
          },
        ],
        [],
        9,
      ),
    expected: { prompt: 'a quiet forest lake', seed: 2980747362 },
    generator: 'invokeai',
    params: { steps: 50, width: 512, height: 768, cfg: 5, sampler: 'k_lms' },
  },
  {
    name: 'NovelAI Comment JSON and Description',
    file: () =>
      pngWithText(
        [
          { type: 'tEXt', keyword: 'Description', text: '1girl, hatsune miku, very aesthetic' },
          { type: 'tEXt', keyword: 'Software', text: 'NovelAI' },
          { type: 'tEXt', keyword: 'Source', text: 'NovelAI Diffusion V4.5 4BDE2A90' },
          { type: 'tEXt', keyword: 'Comment', text: novelAiComment },
        ],
        [],
        10,
      ),
    expected: {
      prompt: '1girl, hatsune miku, very aesthetic',
      negativePrompt: 'lowres, bad anatomy',
      seed: 2043807047,
      model: 'NovelAI Diffusion V4.5 4BDE2A90',
    },
    generator: 'novelai',
    params: { steps: 28, cfg: 5, sampler: 'k_euler_ancestral' },
  },
  {
    name: 'TensorArt generation_data, its random seed filled from the ComfyUI graph beside it',
    file: () =>
      pngWithText(
        [
          { type: 'tEXt', keyword: 'generation_data', text: `${tensorArtText}\u0000` },
          { type: 'tEXt', keyword: 'prompt', text: comfyPrompt },
        ],
        [],
        11,
      ),
    expected: { prompt: 'a neon city street', negativePrompt: 'people', seed: hugeSeed, model: 'WAI-Illustrious-16' },
    generator: 'tensorart',
    params: { steps: 25, cfgScale: 7 },
  },
];

describe('generation metadata from other tools', () => {
  for (const source of cases) {
    it(`reads ${source.name}`, async () => {
      const image = await importOne(t, 'from-another-tool.png', await source.file());
      expect(image).toMatchObject(source.expected);
      expect(image.params).toMatchObject({ ...source.params, generator: source.generator });
      // Found by its prompt in search, like any image.
      const word = image.prompt!.split(/[ ,]/)[1]!;
      expect(t.library.list({ query: word }).images.map((found) => found.id)).toContain(image.id);
    });

    it(`keeps ${source.name} through export and import into another library`, async () => {
      const image = await importOne(t, 'original', await source.file());
      const out = join(t.dir, 'export');
      const [file] = (await t.library.export([image.id], out)).files;
      const exported = readFileSync(file!.path);
      other = openTestLibrary();
      const again = await importOne(other, 'exported', exported);
      const facts = (entry: LibraryImage) => ({
        prompt: entry.prompt,
        negativePrompt: entry.negativePrompt,
        seed: entry.seed,
        model: entry.model,
        params: entry.params,
        format: entry.format,
      });
      expect(facts(again)).toEqual(facts(image));
      expect(again).toMatchObject(source.expected);
      // The other tool's own metadata is still in the file, byte for byte (ours is only added).
      const before = metadataText(readFileSync(image.path));
      const after = metadataText(exported);
      for (const [key, value] of Object.entries(before)) expect(after[key], key).toBe(value);
      // And ours is always there too (in a WebP that has another tool's EXIF: an XMP packet).
      expect(JSON.parse(after.atelier ?? 'null'), 'our own record').toMatchObject({ prompt: image.prompt });
    });
  }

  it('keeps a ComfyUI workflow whole in the stored original and shows it on request', async () => {
    const file = await pngWithText([
      { type: 'tEXt', keyword: 'prompt', text: comfyPrompt },
      { type: 'tEXt', keyword: 'workflow', text: comfyWorkflow },
    ]);
    const image = await importOne(t, 'comfy.png', file);
    expect(await t.library.metadata(image.id)).toEqual({
      generator: 'comfyui',
      text: { prompt: comfyPrompt, workflow: comfyWorkflow },
    });
  });
});
