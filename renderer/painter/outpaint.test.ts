import { describe, expect, it } from 'vitest';
import { MaskBitmap } from './mask';
import { cleanPadding, extendMask, paddedSize, paddingToAspect } from './outpaint';
import { fillRect } from './tools';

describe('outpainting', () => {
  it('the new area is marked for editing; the painted mask keeps its place over the image', () => {
    const mask = new MaskBitmap(4, 3);
    fillRect(mask, { x: 0, y: 0 }, { x: 1, y: 1 }, 'paint');
    const extended = extendMask(mask, { top: 1, right: 2, bottom: 0, left: 3 });
    expect([extended.width, extended.height]).toEqual([9, 4]);
    expect(extended.at(3, 1)).toBe(255); // the painted pixel, moved by the padding
    expect(extended.at(4, 1)).toBe(0); // the image, not painted: kept
    expect(extended.at(6, 3)).toBe(0);
    for (const [x, y] of [
      [0, 0],
      [2, 2],
      [8, 3],
      [5, 0],
      [7, 1],
    ] as const) {
      expect(extended.at(x, y), `${x},${y}`).toBe(255);
    }
    expect(extended.coverage()).toBeCloseTo((36 - 12 + 1) / 36);
  });

  it('to an aspect ratio: only the short dimension grows, evenly', () => {
    expect(paddingToAspect({ width: 400, height: 300 }, 16 / 9)).toEqual({ top: 0, right: 67, bottom: 0, left: 66 });
    expect(paddedSize({ width: 400, height: 300 }, paddingToAspect({ width: 400, height: 300 }, 16 / 9))).toEqual({
      width: 533,
      height: 300,
    });
    expect(paddingToAspect({ width: 400, height: 300 }, 1)).toEqual({ top: 50, right: 0, bottom: 50, left: 0 });
    expect(paddingToAspect({ width: 300, height: 300 }, 1)).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
  });

  it('padding is whole, non-negative pixels', () => {
    expect(cleanPadding({ top: -5, right: 10.6, bottom: Number.NaN, left: 3 })).toEqual({
      top: 0,
      right: 11,
      bottom: 0,
      left: 3,
    });
  });
});
