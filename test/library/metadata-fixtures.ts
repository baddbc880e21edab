// Files as other tools write them, built here byte by byte (no file of theirs is copied): PNG text
// chunks of each kind before or after the image data, JPEG and WebP with an EXIF UserComment, and
// the metadata texts of each generator, shaped like their real output.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

export type TextChunk = { type: 'tEXt' | 'zTXt' | 'iTXt'; keyword: string; text: string };

/** One PNG chunk: length, type, data and its CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export function textChunk({ type, keyword, text }: TextChunk): Buffer {
  const key = Buffer.from(keyword, 'latin1');
  if (type === 'tEXt') return pngChunk(type, Buffer.concat([key, Buffer.from([0]), Buffer.from(text, 'utf8')]));
  if (type === 'zTXt') return pngChunk(type, Buffer.concat([key, Buffer.from([0, 0]), deflateSync(text)]));
  return pngChunk(type, Buffer.concat([key, Buffer.from([0, 1, 0, 0, 0]), deflateSync(Buffer.from(text, 'utf8'))]));
}

/** A small PNG with these text chunks before its IDAT, and `after` ones between IDAT and IEND. */
export async function pngWithText(before: TextChunk[], after: TextChunk[] = [], seed = 0): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: seed % 256, g: 9, b: 9 } } })
    .png()
    .toBuffer();
  const idat = png.indexOf('IDAT', 8, 'latin1') - 4;
  const iend = png.indexOf('IEND', 8, 'latin1') - 4;
  return Buffer.concat([
    png.subarray(0, idat),
    ...before.map(textChunk),
    png.subarray(idat, iend),
    ...after.map(textChunk),
    png.subarray(iend),
  ]);
}

/** A little-endian TIFF block holding one UserComment, as SwarmUI and Civitai write it. */
export function exifWithUserComment(text: string, encoding: 'utf16le' | 'utf16be' | 'ascii'): Buffer {
  const prefix = Buffer.from(encoding === 'ascii' ? 'ASCII\0\0\0' : 'UNICODE\0', 'latin1');
  const body =
    encoding === 'ascii'
      ? Buffer.from(text, 'latin1')
      : encoding === 'utf16le'
        ? Buffer.from(text, 'utf16le')
        : Buffer.from(text, 'utf16le').swap16();
  const value = Buffer.concat([prefix, body]);
  const tiff = Buffer.alloc(8 + 18 + 18);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8769, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt16LE(1, 26);
  tiff.writeUInt16LE(0x9286, 28);
  tiff.writeUInt16LE(7, 30);
  tiff.writeUInt32LE(value.length, 32);
  tiff.writeUInt32LE(44, 36);
  return Buffer.concat([tiff, value]);
}

/** A JPEG whose APP1 holds this EXIF block, right after SOI. */
export async function jpegWithExif(tiff: Buffer, seed = 0): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: seed % 256, g: 0, b: 0 } } })
    .jpeg()
    .toBuffer();
  const data = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, data, jpeg.subarray(2)]);
}

/** A WebP with a VP8X header and an EXIF chunk after the image data. */
export async function webpWithExif(tiff: Buffer, seed = 0): Promise<Buffer> {
  const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 0, g: seed % 256, b: 0 } } })
    .webp({ lossless: true })
    .toBuffer();
  const riff = (id: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08;
  vp8x.writeUIntLE(7, 4, 3);
  vp8x.writeUIntLE(7, 7, 3);
  const body = Buffer.concat([riff('VP8X', vp8x), webp.subarray(12), riff('EXIF', tiff)]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

export const a1111Text =
  'a lighthouse at dusk, テスト\nNegative prompt: blurry, text\nSteps: 20, Sampler: DPM++ 2M, CFG scale: 7, Seed: 3782896554, Size: 512x512, Model hash: 45a21ea00a, Model: dreamshaper_8, Version: v1.10.1';

/** A seed beyond 2^53 (ComfyUI's random seeds reach 2^64 − 1), written as a bare JSON number. */
export const hugeSeed = '18446744073709551615';

export const comfyPrompt = `{"3": {"inputs": {"seed": ${hugeSeed}, "steps": 24, "cfg": 6.5, "sampler_name": "dpmpp_2m", "scheduler": "karras", "denoise": 1.0, "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}, "class_type": "KSampler"},
 "4": {"inputs": {"ckpt_name": "sdxl_base_1.0.safetensors"}, "class_type": "CheckpointLoaderSimple"},
 "5": {"inputs": {"width": 832, "height": 1216, "batch_size": 1}, "class_type": "EmptyLatentImage"},
 "6": {"inputs": {"text": "a red fox in snow", "clip": ["4", 1]}, "class_type": "CLIPTextEncode"},
 "7": {"inputs": {"text": "watermark", "clip": ["4", 1]}, "class_type": "CLIPTextEncode"},
 "8": {"inputs": {"samples": ["3", 0], "vae": ["4", 2]}, "class_type": "VAEDecode"},
 "9": {"inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}, "class_type": "SaveImage"}}`;
export const comfyWorkflow =
  '{"last_node_id": 9, "nodes": [{"id": 3, "type": "KSampler"}], "links": [], "version": 0.4}';

export const swarmText = JSON.stringify(
  {
    sui_image_params: {
      prompt: 'a castle on a hill',
      negativeprompt: 'fog',
      model: 'juggernautXL_v9',
      seed: 2083100758,
      steps: 20,
      cfgscale: 7,
      width: 1024,
      height: 1024,
    },
    sui_extra_data: { date: '2026-01-03' },
  },
  null,
  2,
);

export const fooocusText = `{"prompt": "a smiling goldfish", "negative_prompt": "blur", "base_model": "juggernautXL_v8Rundiffusion", "seed": "6952411511246973023", "steps": 30, "guidance_scale": 4, "sampler": "dpmpp_2m_sde_gpu", "resolution": "(768, 1280)", "full_prompt": ["a smiling goldfish, cinematic"], "metadata_scheme": "fooocus", "version": "Fooocus v2.4.3"}`;

export const invokeText = JSON.stringify({
  generation_mode: 'sdxl_txt2img',
  positive_prompt: 'an oil painting of a harbour',
  negative_prompt: 'grainy',
  width: 1024,
  height: 1024,
  seed: 3951921344,
  cfg_scale: 6,
  steps: 24,
  scheduler: 'euler_a',
  model: { name: 'juggernautXL', base: 'sdxl' },
});

export const novelAiComment = JSON.stringify({
  prompt: '1girl, hatsune miku, very aesthetic',
  steps: 28,
  width: 832,
  height: 1216,
  scale: 5,
  seed: 2043807047,
  sampler: 'k_euler_ancestral',
  uc: 'lowres, bad anatomy',
});

export const tensorArtText = JSON.stringify({
  prompt: 'a neon city street',
  negativePrompt: 'people',
  width: 768,
  height: 768,
  steps: 25,
  cfgScale: 7,
  seed: '-1',
  baseModel: { label: 'v16', modelFileName: 'WAI-Illustrious-16' },
});
