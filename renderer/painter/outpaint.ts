// Outpainting: the canvas grows on any side; the new area is marked for editing, so the model paints it and keeps
// the original. Sizes are in image pixels; the page draws the padded image (views fill the new area neutral grey).
import { MaskBitmap } from './mask';
import type { Size } from './viewport';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The neutral fill of the new area: mid grey biases the model towards neither light nor dark. */
export const outpaintFill = '#808080';

export function paddedSize(size: Size, padding: Padding): Size {
  return { width: size.width + padding.left + padding.right, height: size.height + padding.top + padding.bottom };
}

/** Whole, non-negative pixels on each side. */
export function cleanPadding(padding: Padding): Padding {
  const clean = (value: number) => (Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0);
  return {
    top: clean(padding.top),
    right: clean(padding.right),
    bottom: clean(padding.bottom),
    left: clean(padding.left),
  };
}

/**
 * The padding that brings the image to `ratio` (width / height) by growing only the short dimension, split evenly
 * between its two sides (the odd pixel to the bottom or the right). An image already at the ratio gets none.
 */
export function paddingToAspect(size: Size, ratio: number): Padding {
  const none = { top: 0, right: 0, bottom: 0, left: 0 };
  if (!(ratio > 0)) return none;
  if (size.width / size.height < ratio) {
    const extra = Math.round(size.height * ratio) - size.width;
    return { ...none, left: Math.floor(extra / 2), right: Math.ceil(extra / 2) };
  }
  const extra = Math.round(size.width / ratio) - size.height;
  return { ...none, top: Math.floor(extra / 2), bottom: Math.ceil(extra / 2) };
}

/** The mask of the grown canvas: the painted mask where the image was, fully marked in the new area. */
export function extendMask(mask: MaskBitmap, padding: Padding): MaskBitmap {
  const size = paddedSize(mask, padding);
  const extended = new MaskBitmap(size.width, size.height, new Uint8ClampedArray(size.width * size.height).fill(255));
  for (let y = 0; y < mask.height; y++) {
    extended.data.set(
      mask.data.subarray(y * mask.width, (y + 1) * mask.width),
      (y + padding.top) * size.width + padding.left,
    );
  }
  return extended;
}
