import { describe, expect, it } from 'vitest';
import { MaskHistory } from './history';
import { MaskBitmap } from './mask';
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

  it("a mask file with transparency is read by its alpha: the editor's own saved mask comes back the same", () => {
    const saved = new MaskBitmap(4, 1, new Uint8ClampedArray([255, 0, 60, 200]));
    const mask = new MaskBitmap(4, 1);
    maskFromMaskImage(mask, saved.toRgba());
    expect([...mask.data]).toEqual([255, 0, 60, 200]);
  });

  it('refuses pixels of another size', () => {
    expect(() => maskFromMaskImage(new MaskBitmap(2, 2), rgba([0, 0, 0, 0]))).toThrow(/2×2/);
  });
});
