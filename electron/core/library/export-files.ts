// Export of chosen images to a folder, losslessly: each file keeps its format and every byte of its
// metadata (another tool's chunks, EXIF and workflow included), and ours is added beside it (the
// `atelier` JSON always; A1111 `parameters` when the file has no other tool's metadata). PNG, JPEG
// and WebP are written as they are stored; formats with no text home (GIF, AVIF, TIFF, BMP) become
// PNG, upright. A JSON sidecar goes next to each.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import type { LibraryImage } from '../../../shared/contract/library';
import { AppError } from '../../../shared/errors';
import type { LibraryContext } from './context';
import { probeImage } from './image-probe';
import { formatSdParameters } from './metadata/a1111';
import { atelierKeyword, atelierText } from './metadata/atelier';
import { jpegWithMetadata, type OurMetadata, webpWithMetadata } from './metadata/container-write';
import { embedPngText } from './metadata/png-text';
import { metadataText, readGeneration } from './metadata/read-generation';
import { getImages } from './organise';

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
    const { bytes, extension } = await exportedBytes(image);
    const name = `${image.id}.${extension}`;
    const path = join(folder, name);
    const sidecar = join(folder, `${image.id}.json`);
    writeThenRename(path, bytes);
    writeThenRename(sidecar, Buffer.from(`${JSON.stringify(sidecarOf(image, name), null, 2)}\n`));
    files.push({ id: image.id, path, sidecar });
  }
  return { files };
}

async function exportedBytes(image: LibraryImage): Promise<{ bytes: Buffer; extension: string }> {
  const original = readOriginal(image);
  if (image.format === 'jpeg')
    return { bytes: jpegWithMetadata(original, ourMetadata(image, original)), extension: 'jpg' };
  if (image.format === 'webp')
    return { bytes: webpWithMetadata(original, ourMetadata(image, original), image), extension: 'webp' };
  const png = image.format === 'png' ? original : await uprightPng(original);
  const ours = ourMetadata(image, png);
  const chunks: Record<string, string> = { [atelierKeyword]: ours.atelier };
  if (ours.parameters !== null) chunks.parameters = ours.parameters;
  return { bytes: embedPngText(png, chunks), extension: 'png' };
}

/** Ours, to add: A1111 text only where no tool's metadata is in the file already (never over it). */
function ourMetadata(image: LibraryImage, file: Buffer): OurMetadata {
  const { generator: _generator, ...params } = image.params ?? {};
  const atelier = atelierText({
    prompt: image.prompt,
    negativePrompt: image.negativePrompt,
    params: image.params,
    seed: image.seed,
    model: image.model,
    provider: image.provider,
    source: image.source,
  });
  const hasFacts = image.prompt !== null || image.params !== null || image.seed !== null;
  const theirs = readGeneration(metadataText(file));
  const parameters =
    hasFacts && (!theirs || theirs.generator === 'atelier')
      ? formatSdParameters({
          prompt: image.prompt,
          negativePrompt: image.negativePrompt,
          params: Object.keys(params).length > 0 ? params : null,
          seed: image.seed,
          model: image.model,
        })
      : null;
  return { atelier, parameters };
}

function readOriginal(image: LibraryImage): Buffer {
  try {
    return readFileSync(image.path);
  } catch {
    throw new AppError('not_found', `The file of image ${image.id} is missing. Run "atelier library check --repair".`);
  }
}

/** Formats without a place for text become a lossless PNG, upright. */
async function uprightPng(bytes: Buffer): Promise<Buffer> {
  const { pixels } = await probeImage(bytes);
  return sharp(pixels.input, pixels.options).rotate().png().toBuffer();
}

function sidecarOf(image: LibraryImage, file: string): Record<string, unknown> {
  const { path: _path, thumbPath: _thumbPath, ...facts } = image;
  return { ...facts, file };
}

function writeThenRename(path: string, bytes: Buffer): void {
  const temp = `${path}.part`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}
