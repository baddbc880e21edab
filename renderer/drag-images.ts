// Library images dragged inside the window (a gallery tile, the editor's gallery strip) carry their ids under one
// custom MIME type, so every drop target (the editor's canvas and reference strip, the Editor's nav item) reads the
// same payload. Ids are hex, so a comma separates several.
import type React from 'react';
import { imageIdPattern } from '../shared/contract/library';

export const imageDragType = 'application/x-atelier-image-id';

type DragEventLike = Pick<React.DragEvent | DragEvent, 'dataTransfer'>;

export function setImageDragData(event: DragEventLike, ids: readonly string[]): void {
  if (!event.dataTransfer || ids.length === 0) return;
  event.dataTransfer.setData(imageDragType, ids.join(','));
  event.dataTransfer.effectAllowed = 'copy';
}

/** The ids dropped, in their order ([] for a drop of files or of anything else). Read on drop only. */
export function readImageDragData(event: DragEventLike): string[] {
  const payload = event.dataTransfer?.getData(imageDragType) ?? '';
  return payload
    .split(',')
    .map((id) => id.trim())
    .filter((id) => imageIdPattern.test(id));
}

/** Whether a drag carries library images: readable while dragging over (the payload itself is only read on drop). */
export function carriesImages(event: DragEventLike): boolean {
  return Boolean(event.dataTransfer && [...event.dataTransfer.types].includes(imageDragType));
}
