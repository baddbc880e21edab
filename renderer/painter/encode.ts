import type { MaskBitmap } from './mask';

/** The mask as a PNG (painted = white, opaque), base64 without the data: prefix, for jobs.create. */
export async function maskToPngBase64(mask: MaskBitmap): Promise<string> {
  return blobToBase64(await maskToPng(mask));
}

/** The mask as a PNG file: painted = white and opaque, untouched = transparent (the editor loads it back the same). */
export async function maskToPng(mask: MaskBitmap): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = mask.width;
  canvas.height = mask.height;
  const context = canvas.getContext('2d')!;
  context.putImageData(new ImageData(mask.toRgba() as Uint8ClampedArray<ArrayBuffer>, mask.width, mask.height), 0, 0);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (result) => (result ? resolve(result) : reject(new Error('The mask could not be encoded.'))),
      'image/png',
    ),
  );
  return blob;
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
