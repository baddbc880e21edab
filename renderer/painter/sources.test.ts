import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MaskHistory } from './history';
import { MaskBitmap } from './mask';
import { greyPng } from './png-grey';
import { maskFromMaskImage, maskFromTransparency } from './sources';

function rgba(...pixels: number[][]): Uint8ClampedArray {
  return new Uint8ClampedArray(pixels.flat());
}

describe('mask sources', () => {
  it("the image's transparency becomes the mask, partly where it is partly transparent; undo puts it back", () => {
    const mask = new MaskBitmap(3, 1);
    const history = new MaskHistory(mask);
    history.record(() => maskFromTransparency(mask, rgba([10, 20, 30, 0], [10, 20, 30, 255], [10, 20, 30, 128])));
    expect([...mask.data]).toEqual([255, 0, 127]);
    history.undo();
    expect(mask.isEmpty()).toBe(true);
  });

  it('an opaque image has no transparency to take: nothing changes', () => {
    const mask = new MaskBitmap(2, 1);
    expect(maskFromTransparency(mask, rgba([1, 2, 3, 255], [4, 5, 6, 255]))).toBeNull();
    expect(mask.isEmpty()).toBe(true);
  });

  it('a black-and-white mask file: white is edit, black is keep, grey partly', () => {
    const mask = new MaskBitmap(3, 1);
    maskFromMaskImage(mask, rgba([255, 255, 255, 255], [0, 0, 0, 255], [128, 128, 128, 255]));
    expect([...mask.data]).toEqual([255, 0, 128]);
  });

  it("the editor's own saved mask (greyscale PNG) loads back as the same coverage", async () => {
    const saved = Uint8Array.of(255, 0, 60, 200, 127, 128, 1);
    // As the page decodes a file: to RGBA (sharp here, the browser's decoder there).
    const { data } = await sharp(greyPng(7, 1, saved))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const mask = new MaskBitmap(7, 1);
    maskFromMaskImage(mask, new Uint8ClampedArray(data));
    expect([...mask.data]).toEqual([...saved]);
  });

  it('a mask file with transparency is read by its alpha, whatever its colour', () => {
    const mask = new MaskBitmap(4, 1);
    maskFromMaskImage(mask, rgba([40, 40, 40, 255], [255, 255, 255, 0], [255, 255, 255, 130], [0, 0, 0, 255]));
    expect([...mask.data]).toEqual([255, 0, 130, 255]);
  });

  it('refuses pixels of another size', () => {
    expect(() => maskFromMaskImage(new MaskBitmap(2, 2), rgba([0, 0, 0, 0]))).toThrow(/2×2/);
  });
});
