// Dragging a tile out of the gallery. In the desktop app the shell starts an OS drag of the original file itself
// (shell.startDrag → webContents.startDrag), so the desktop, Finder/Explorer or another app receives the file; our
// own window receives it as a dropped file too (the editor opens it, the library knows it already). In the browser
// UI the drag carries the image's id (for the editor) and a DownloadURL item, so Chromium downloads the original
// where it is dropped outside the page (every format we store has the MIME type image/<format>).
import type React from 'react';
import { invoke, mediaUrl } from '../../api';
import { galleryDragType } from '../editor/DropZone';
import type { LibraryImage } from '../../../shared/contract/library';
import { downloadName } from './OsFileActions';

export function dragTileOut(event: React.DragEvent, image: LibraryImage, desktop: boolean): void {
  if (desktop) {
    event.preventDefault();
    // A failure (the file gone from the disk) leaves nothing to drag; the check view reports missing files.
    invoke('shell.startDrag', { id: image.id }).catch(() => undefined);
    return;
  }
  event.dataTransfer.setData(galleryDragType, image.id);
  const url = new URL(mediaUrl(image.id, 'original'), document.baseURI).href;
  event.dataTransfer.setData('DownloadURL', `image/${image.format}:${downloadName(image)}:${url}`);
  event.dataTransfer.effectAllowed = 'copy';
}
