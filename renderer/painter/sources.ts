// Masks made from pixels: the image's own transparency, or a mask file someone made elsewhere. Both take RGBA
// pixels already at the mask's size (the page decodes and scales them, painter/decode.ts) and write coverage, so
// history records them like any other action.
import { maskFileStrength } from '../../shared/mask-file';
import type { MaskBitmap, Rect } from './mask';

/** Where the image is transparent is where it should change: coverage = 255 − alpha. Null when nothing is. */
export function maskFromTransparency(mask: MaskBitmap, rgba: Uint8ClampedArray): Rect | null {
  checkSize(mask, rgba);
  let transparent = false;
  for (let index = 3; index < rgba.length; index += 4) {
    if (rgba[index]! < 255) {
      transparent = true;
      break;
    }
  }
  if (!transparent) return null;
  const all = { x0: 0, y0: 0, x1: mask.width, y1: mask.height };
  mask.willWrite(all);
  for (let index = 0; index < mask.data.length; index++) mask.data[index] = 255 - rgba[index * 4 + 3]!;
  return all;
}

/** A mask file, read as the core reads one (shared/mask-file.ts: "white or opaque = edit"). */
export function maskFromMaskImage(mask: MaskBitmap, rgba: Uint8ClampedArray): Rect {
  checkSize(mask, rgba);
  const all = { x0: 0, y0: 0, x1: mask.width, y1: mask.height };
  mask.willWrite(all);
  maskFileStrength(rgba, mask.data);
  return all;
}

function checkSize(mask: MaskBitmap, rgba: Uint8ClampedArray): void {
  if (rgba.length !== mask.width * mask.height * 4) {
    throw new RangeError(`Pixels for a ${mask.width}×${mask.height} mask, not ${rgba.length / 4} of them.`);
  }
}
