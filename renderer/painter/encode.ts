import type { MaskBitmap } from './mask';
import { greyPng } from './png-grey';

/** The mask as a PNG (painted = white, kept = black), base64 without the data: prefix, for jobs.create. */
export async function maskToPngBase64(mask: MaskBitmap): Promise<string> {
  return blobToBase64(await maskToPng(mask));
}

/**
 * The mask as a PNG file: greyscale, its coverage as the grey (painted = white, kept = black, soft edges between),
 * opaque, so the core and Load mask read it back by brightness as the same mask. Encoded in the page (png-grey.ts):
 * canvas.toBlob alone missed the 300 ms budget for a 4096² mask twice over.
 */
export async function maskToPng(mask: MaskBitmap): Promise<Blob> {
  const pixels = new Uint8Array(mask.data.buffer, mask.data.byteOffset, mask.data.length);
  return new Blob([greyPng(mask.width, mask.height, pixels) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

/** Hands a file to the browser's download (the desktop app asks where to save it). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started by the time the click returns; the URL is no longer needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
