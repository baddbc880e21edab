// The desktop app's hand-over of an image's original to the operating system: Reveal in the file manager and
// dragging it out of the window. The core finds the file (by id, never a path from the page) and makes the drag's
// icon; the shell (electron/main.ts) only calls shell.showItemInFolder / webContents.startDrag with them. Where no
// shell is there to do it (the browser UI, the CLI, tests), the channel answers `unavailable` and the page offers a
// download instead.
import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import type { LibraryContext } from './context';
import { resolveMedia } from './media';

/** What only the desktop shell can do with a file. */
export interface FileHost {
  reveal(path: string): void;
  /** Starts an OS drag of the file from the window, showing `iconPng` under the pointer. */
  startDrag(path: string, iconPng: Buffer): void;
}

const dragIconSize = 96;

function noHost(): never {
  throw new AppError(
    'unavailable',
    'Only the desktop app can hand files to the file manager; in the browser, download the image instead.',
  );
}

async function originalPath(context: LibraryContext, id: string): Promise<string> {
  const file = await resolveMedia(context, id, 'original');
  if (!file) throw new AppError('not_found', `No image ${id} with its file on the disk.`);
  return file.path;
}

export async function revealOriginal(context: LibraryContext, host: FileHost | undefined, id: string) {
  if (!host) noHost();
  host.reveal(await originalPath(context, id));
  return { revealed: true as const };
}

export async function dragOriginal(context: LibraryContext, host: FileHost | undefined, id: string) {
  if (!host) noHost();
  const path = await originalPath(context, id);
  // From the small thumbnail (always WebP, which Electron's nativeImage cannot read) to a PNG it can.
  const thumb = await resolveMedia(context, id, 'thumb256');
  const icon = await sharp(thumb?.path ?? path)
    .resize(dragIconSize, dragIconSize, { fit: 'inside' })
    .png()
    .toBuffer();
  host.startDrag(path, icon);
  return { started: true as const };
}
