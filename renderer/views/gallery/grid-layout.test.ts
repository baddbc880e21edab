import { describe, expect, it } from 'vitest';
import { columnsFor, justifiedRows, movedIndex, rowOf, squareRows, tileGap } from './grid-layout';

describe('grid layout', () => {
  it('fits as many square tiles as the width holds, gaps between them, at least one', () => {
    expect(columnsFor(800, 176)).toBe(4);
    expect(columnsFor(176 * 5 + 8 * 4, 176)).toBe(5);
    expect(columnsFor(176 * 5 + 8 * 4 - 1, 176)).toBe(4);
    expect(columnsFor(50, 176)).toBe(1);
    expect(squareRows(10, 800, 176).map((row) => [row.start, row.end])).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
  });

  it('lays whole images out at their aspect ratio, each full row exactly the width', () => {
    const aspects = [16 / 9, 2 / 3, 1, 16 / 9, 3 / 2, 2 / 3, 1, 1];
    const rows = justifiedRows(aspects, 1000, 200);
    expect(rows[0]!.start).toBe(0);
    expect(rows[rows.length - 1]!.end).toBe(aspects.length);
    for (const [index, row] of rows.entries()) {
      for (const [offset, width] of row.widths.entries()) {
        expect(width / row.height).toBeCloseTo(aspects[row.start + offset]!, 6);
      }
      const total = row.widths.reduce((sum, width) => sum + width, 0) + (row.widths.length - 1) * tileGap;
      if (index < rows.length - 1) {
        expect(total).toBeCloseTo(1000, 6);
        expect(row.height).toBeGreaterThan(100);
        expect(row.height).toBeLessThan(400);
      } else {
        expect(total).toBeLessThanOrEqual(1000 + 1e-6);
      }
    }
  });

  it('ends a row where its height comes nearer the tile size', () => {
    // Three 3:2 images at 256 px would be 174 px high; two are 264 px, nearer 256.
    const rows = justifiedRows([1.5, 1.5, 1.5, 1.5], 800, 256);
    expect(rows.map((row) => row.end - row.start)).toEqual([2, 2]);
    expect(rows[0]!.height).toBeCloseTo((800 - tileGap) / 3, 6);
    // At 176 px, three (174 px high) are nearer than two (264 px).
    expect(justifiedRows([1.5, 1.5, 1.5], 800, 176)[0]!.widths).toHaveLength(3);
  });

  it('the last row that does not fill the width keeps the tile size', () => {
    const rows = justifiedRows([1, 1], 1000, 200);
    expect(rows).toEqual([{ start: 0, end: 2, height: 200, widths: [200, 200] }]);
  });

  it('finds the row of an image and moves by arrows, Home and End, up and down at the same place', () => {
    const rows = squareRows(10, 800, 176);
    expect(rowOf(rows, 0)).toBe(0);
    expect(rowOf(rows, 5)).toBe(1);
    expect(rowOf(rows, 9)).toBe(2);
    expect(movedIndex('ArrowRight', 0, rows)).toBe(1);
    expect(movedIndex('ArrowDown', 1, rows)).toBe(5);
    expect(movedIndex('ArrowDown', 7, rows)).toBe(9);
    expect(movedIndex('ArrowDown', 9, rows)).toBe(9);
    expect(movedIndex('ArrowUp', 2, rows)).toBe(2);
    expect(movedIndex('ArrowUp', 6, rows)).toBe(2);
    expect(movedIndex('ArrowLeft', 0, rows)).toBe(0);
    expect(movedIndex('End', 3, rows)).toBe(9);
    expect(movedIndex('Home', 7, rows)).toBe(0);
    expect(movedIndex('ArrowRight', -1, rows)).toBe(0);
    expect(movedIndex('ArrowRight', 0, [])).toBeNull();
    expect(movedIndex('f', 0, rows)).toBeNull();
  });
});
