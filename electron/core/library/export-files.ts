// Export of chosen images to a folder: a PNG per image with prompt and parameters in text chunks
// (`parameters` in the Stable Diffusion web UI's format, `atelier` as JSON), plus a JSON sidecar.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import type { LibraryImage } from '../../../shared/contract/library';
import { AppError } from '../../../shared/errors';
import type { LibraryContext } from './context';
import { probeImage } from './image-probe';
import { getImages } from './organise';
import { embedPngText } from './png-text';
import { formatSdParameters } from './sd-parameters';

interface ExportedFile {
  id: string;
  path: string;
  sidecar: string;
}

export async function exportImages(
  context: LibraryContext,
  ids: string[],
  to: string,
): Promise<{ files: ExportedFile[] }> {
  const images = getImages(context, ids);
  const folder = resolve(to);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new AppError('invalid_input', `Cannot create the export folder ${folder} (${(error as Error).message}).`);
  }
  const files: ExportedFile[] = [];
  for (const image of images) {
    const png = embedPngText(await asPng(image), textChunksOf(image));
    const path = join(folder, `${image.id}.png`);
    const sidecar = join(folder, `${image.id}.json`);
    writeThenRename(path, png);
    writeThenRename(sidecar, Buffer.from(`${JSON.stringify(sidecarOf(image), null, 2)}\n`));
    files.push({ id: image.id, path, sidecar });
  }
  return { files };
}

/** The text chunks an exported PNG carries. */
function textChunksOf(image: LibraryImage): Record<string, string> {
  const own = {
    prompt: image.prompt,
    negativePrompt: image.negativePrompt,
    params: image.params,
    seed: image.seed,
    model: image.model,
    provider: image.provider,
    source: image.source,
  };
  const chunks: Record<string, string> = { atelier: JSON.stringify(own) };
  if (image.prompt || image.params || image.seed !== null) {
    chunks.parameters = formatSdParameters({
      prompt: image.prompt,
      negativePrompt: image.negativePrompt,
      params: image.params,
      seed: image.seed,
      model: image.model,
    });
  }
  return chunks;
}

async function asPng(image: LibraryImage): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(image.path);
  } catch {
    throw new AppError('not_found', `The file of image ${image.id} is missing. Run "atelier library check --repair".`);
  }
  if (image.format === 'png') return bytes;
  // Other formats are converted losslessly to PNG, upright, so the text chunks have a home.
  const { pixels } = await probeImage(bytes);
  return sharp(pixels.input, pixels.options).rotate().png().toBuffer();
}

function sidecarOf(image: LibraryImage): Record<string, unknown> {
  const { path: _path, thumbPath: _thumbPath, ...facts } = image;
  return { ...facts, file: `${image.id}.png` };
}

function writeThenRename(path: string, bytes: Buffer): void {
  const temp = `${path}.part`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}
