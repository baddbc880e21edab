/** The gap between tiles, in CSS pixels (the grid's rows and columns alike). */
export const tileGap = 8;

/** How many tiles of this size fit side by side in a width (at least one). */
export function columnsFor(width: number, tileSize: number): number {
  return Math.max(1, Math.floor((width + tileGap) / (tileSize + tileGap)));
}

/** Where a grid key moves the focus among `count` images laid out in `columns`; null when it is not a move. */
export function movedIndex(key: string, index: number, count: number, columns: number): number | null {
  if (count === 0) return null;
  const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const move = step[key];
  if (move === undefined) return null;
  if (index < 0) return 0;
  return Math.min(count - 1, Math.max(0, index + move));
}
