import { describe, expect, it } from 'vitest';
import { clampTileSize, tileSizes } from './gallery-preferences';

describe('tile size', () => {
  it('stays within the slider range, whole pixels, and a value that is not a number starts over', () => {
    expect(clampTileSize(10)).toBe(tileSizes.min);
    expect(clampTileSize(10_000)).toBe(tileSizes.max);
    expect(clampTileSize(200.4)).toBe(200);
    expect(clampTileSize(Number.NaN)).toBe(tileSizes.initial);
  });
});
