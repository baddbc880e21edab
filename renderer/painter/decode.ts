/** The image at `url`, decoded; null when the browser cannot decode it. */
async function loadImage(url: string): Promise<HTMLImageElement | null> {
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
    return image;
  } catch {
    return null;
  }
}

/** An image decoded by the page: its own size, and its RGBA pixels drawn at the size asked for. */
export async function decodePixels(
  url: string,
  width: number,
  height: number,
): Promise<{ natural: { width: number; height: number }; rgba: Uint8ClampedArray } | null> {
  const image = await loadImage(url);
  if (!image) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(image, 0, 0, width, height);
  return {
    natural: { width: image.naturalWidth, height: image.naturalHeight },
    rgba: context.getImageData(0, 0, width, height).data,
  };
}

/** The image drawn at `at` on a larger canvas of `size` filled with `fill`: the padded picture for outpainting. */
export async function padImage(
  url: string,
  at: { x: number; y: number; width: number; height: number },
  size: { width: number; height: number },
  fill: string,
): Promise<Blob | null> {
  const image = await loadImage(url);
  if (!image) return null;
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = fill;
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(image, at.x, at.y, at.width, at.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
