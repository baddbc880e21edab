// The metadata texts embedded in a stored original, read on request (the detail panel's "Copy
// workflow", `atelier library show --metadata`): the row keeps the facts, the original keeps every
// byte another tool wrote, so nothing is lost even where a reader understood only part of it.
import { readFile } from 'node:fs/promises';
import type { EmbeddedMetadata } from '../../../shared/contract/library';
import { AppError } from '../../../shared/errors';
import type { LibraryContext } from './context';
import { metadataText, readGeneration } from './metadata/read-generation';
import { getImages } from './organise';

export async function embeddedMetadata(context: LibraryContext, id: string): Promise<EmbeddedMetadata> {
  const [image] = getImages(context, [id]);
  let bytes: Buffer;
  try {
    bytes = await readFile(image!.path);
  } catch {
    throw new AppError('not_found', `The file of image ${id} is missing. Run "atelier library check --repair".`);
  }
  const text = metadataText(bytes);
  return { generator: readGeneration(text)?.generator ?? null, text };
}
