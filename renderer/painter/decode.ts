/** An image decoded by the page: its own size, and its RGBA pixels drawn at the size asked for. */
export async function decodePixels(
  url: string,
  width: number,
  height: number,
): Promise<{ natural: { width: number; height: number }; rgba: Uint8ClampedArray } | null> {
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
  } catch {
    return null;
  }
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
