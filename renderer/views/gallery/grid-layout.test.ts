import { describe, expect, it } from 'vitest';
import { columnsFor, movedIndex } from './grid-layout';

describe('grid layout', () => {
  it('fits as many tiles as the width holds, gaps between them, at least one', () => {
    expect(columnsFor(800, 176)).toBe(4);
    expect(columnsFor(176 * 5 + 8 * 4, 176)).toBe(5);
    expect(columnsFor(176 * 5 + 8 * 4 - 1, 176)).toBe(4);
    expect(columnsFor(50, 176)).toBe(1);
  });

  it('moves the focus by arrows, Home and End, staying inside the loaded images', () => {
    expect(movedIndex('ArrowRight', 0, 10, 4)).toBe(1);
    expect(movedIndex('ArrowDown', 1, 10, 4)).toBe(5);
    expect(movedIndex('ArrowDown', 8, 10, 4)).toBe(9);
    expect(movedIndex('ArrowUp', 2, 10, 4)).toBe(0);
    expect(movedIndex('ArrowLeft', 0, 10, 4)).toBe(0);
    expect(movedIndex('End', 3, 10, 4)).toBe(9);
    expect(movedIndex('Home', 7, 10, 4)).toBe(0);
    expect(movedIndex('ArrowRight', -1, 10, 4)).toBe(0);
    expect(movedIndex('ArrowRight', 0, 0, 4)).toBeNull();
    expect(movedIndex('f', 0, 10, 4)).toBeNull();
  });
});
