import { describe, expect, it } from 'vitest';
import { differenceImage } from './difference';

const pixels = (...values: number[][]) => Uint8ClampedArray.from(values.flat());

describe('differenceImage', () => {
  it('shows the largest channel change, amplified, black where nothing changed', () => {
    const before = pixels([10, 10, 10, 255], [100, 100, 100, 255], [0, 0, 0, 255]);
    const after = pixels([10, 10, 10, 255], [104, 100, 97, 255], [200, 0, 0, 255]);
    expect([...differenceImage(before, after, 8, 0)]).toEqual([0, 0, 0, 255, 32, 32, 32, 255, 255, 255, 255, 255]);
  });

  it('treats a change at or under the threshold as none', () => {
    const before = pixels([50, 50, 50, 255], [50, 50, 50, 255]);
    const after = pixels([53, 50, 50, 255], [54, 50, 50, 255]);
    expect([...differenceImage(before, after, 10, 3)]).toEqual([0, 0, 0, 255, 40, 40, 40, 255]);
  });

  it('counts a pixel made transparent as a change', () => {
    expect([...differenceImage(pixels([9, 9, 9, 255]), pixels([9, 9, 9, 0]), 1, 0)]).toEqual([255, 255, 255, 255]);
  });
});
