/** The gap between tiles, in CSS pixels (the grid's rows and columns alike). */
export const tileGap = 8;

/** The gallery's two layouts: square crops in columns, or rows of whole images at their own aspect ratio. */
export const galleryLayouts = ['square', 'justified'] as const;
export type GalleryLayout = (typeof galleryLayouts)[number];

/** One row of tiles: images [start, end) of the loaded list, each `widths[i]` wide, all `height` high. */
export interface TileRow {
  start: number;
  end: number;
  height: number;
  widths: number[];
}

/** How many tiles of this size fit side by side in a width (at least one). */
export function columnsFor(width: number, tileSize: number): number {
  return Math.max(1, Math.floor((width + tileGap) / (tileSize + tileGap)));
}

/** Square tiles, as many to a row as the width holds. */
export function squareRows(count: number, width: number, tileSize: number): TileRow[] {
  const columns = columnsFor(width, tileSize);
  const rows: TileRow[] = [];
  for (let start = 0; start < count; start += columns) {
    const end = Math.min(count, start + columns);
    rows.push({ start, end, height: tileSize, widths: Array<number>(end - start).fill(tileSize) });
  }
  return rows;
}

/** A panorama or a sliver never makes a row of one unreadable tile: aspect ratios are kept within these. */
const aspectRange = { min: 0.25, max: 4 };

/**
 * Rows of whole images at their real aspect ratio (as Google Photos and Flickr lay them out): images join a row
 * until it would be wider than the width at the tile size's height; the row then ends there or one image earlier,
 * whichever brings its height nearer the tile size, and is scaled to fill the width exactly. The last row keeps the
 * tile size's height rather than being blown up.
 */
export function justifiedRows(aspects: readonly number[], width: number, tileSize: number): TileRow[] {
  const rows: TileRow[] = [];
  const usable = Math.max(tileSize, width);
  let start = 0;
  while (start < aspects.length) {
    let end = start;
    let sum = 0;
    let full = false;
    while (end < aspects.length) {
      const aspect = Math.min(aspectRange.max, Math.max(aspectRange.min, aspects[end] || 1));
      sum += aspect;
      end++;
      if (sum * tileSize + (end - start - 1) * tileGap >= usable) {
        full = true;
        // One image fewer makes the row taller than the tile size, this one shorter: keep the nearer.
        if (end - start > 1) {
          const shorter = (usable - (end - start - 1) * tileGap) / sum;
          const taller = (usable - (end - start - 2) * tileGap) / (sum - aspect);
          if (taller - tileSize < tileSize - shorter) {
            end--;
            sum -= aspect;
          }
        }
        break;
      }
    }
    const gaps = (end - start - 1) * tileGap;
    const height = full ? (usable - gaps) / sum : tileSize;
    const widths = aspects
      .slice(start, end)
      .map((aspect) => Math.min(aspectRange.max, Math.max(aspectRange.min, aspect || 1)) * height);
    rows.push({ start, end, height, widths });
    start = end;
  }
  return rows;
}

/** The row holding image `index` (rows are in order and cover every image). */
export function rowOf(rows: readonly TileRow[], index: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (rows[middle]!.start <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Where a grid key moves the focus; null when it is not a move. Up and down go to the row above or below, at the
 * same place in it (the last tile of a shorter row).
 */
export function movedIndex(key: string, index: number, rows: readonly TileRow[]): number | null {
  const count = rows[rows.length - 1]?.end ?? 0;
  if (count === 0) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(key)) return null;
  if (index < 0) return 0;
  if (key === 'ArrowRight') return Math.min(count - 1, index + 1);
  if (key === 'ArrowLeft') return Math.max(0, index - 1);
  const here = rowOf(rows, index);
  const there = rows[here + (key === 'ArrowDown' ? 1 : -1)];
  if (!there) return index;
  return Math.min(there.end - 1, there.start + (index - rows[here]!.start));
}
