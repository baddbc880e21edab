import type { MaskBitmap } from './mask';

/** The mask as a PNG (painted = white, opaque), base64 without the data: prefix, for jobs.create. */
export async function maskToPngBase64(mask: MaskBitmap): Promise<string> {
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
  return blobToBase64(blob);
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}
