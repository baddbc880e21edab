import { memo } from 'react';
import type { LibraryImage } from '../../../shared/contract/library';
import { mediaUrl } from '../../api';
import type { PickHow } from '../../stores/gallery';
import { dragTileOut } from './drag-out';
import type { TileRow } from './grid-layout';

export interface GalleryRowProps {
  /** The whole loaded list; this row shows images [tiles.start, tiles.end). */
  images: readonly LibraryImage[];
  tiles: TileRow;
  /** The row's offset from the top of the grid, in CSS pixels. */
  top: number;
  /** In the window rather than in the overscan beyond it: its thumbnails are fetched ahead of the overscan's. */
  onScreen: boolean;
  selectedId: string | null;
  chosen: ReadonlySet<string>;
  /** The index of the grid's one tab stop. */
  activeIndex: number;
  desktop: boolean;
  select(id: string): void;
  pick(id: string, how: PickHow): void;
}

/**
 * One row of tiles. Memoised: a scroll frame re-renders the grid (the virtualizer moves its window), and without
 * this every tile on screen would be rebuilt each frame although none of them changed (bench/gallery-ui.ts).
 */
export const GalleryRow = memo(function GalleryRow(props: GalleryRowProps) {
  const { images, tiles, top, onScreen, selectedId, chosen, activeIndex, desktop, select, pick } = props;
  return (
    <div role="row" className="gallery-row" style={{ transform: `translateY(${top}px)` }}>
      {images.slice(tiles.start, tiles.end).map((image, column) => (
        <button
          key={image.id}
          type="button"
          role="gridcell"
          tabIndex={tiles.start + column === activeIndex ? 0 : -1}
          // Whole pixels, so a justified row's tiles line up with its edges without blurred seams.
          style={{ width: Math.floor(tiles.widths[column]!), height: Math.floor(tiles.height) }}
          data-testid="gallery-item"
          data-image-id={image.id}
          // While several are picked, the pick is the selection; the last one clicked only has the focus ring.
          aria-selected={chosen.size > 0 ? chosen.has(image.id) : image.id === selectedId}
          className={['gallery-item', image.id === selectedId && 'selected', chosen.has(image.id) && 'picked']
            .filter(Boolean)
            .join(' ')}
          title={image.prompt ?? image.originalName ?? ''}
          onClick={(event) => {
            if (event.shiftKey) pick(image.id, 'range');
            else if (event.ctrlKey || event.metaKey) pick(image.id, 'toggle');
            else select(image.id);
          }}
          draggable
          onDragStart={(event) => dragTileOut(event, image, desktop)}
        >
          {/* Not loading="lazy": only the rows on screen (and a few beyond) exist, and lazy loading would wait
              for an intersection check before asking for the rows the user is looking at. */}
          <img
            src={mediaUrl(image.id, 'thumb256')}
            alt={image.prompt ?? image.originalName ?? ''}
            fetchPriority={onScreen ? 'high' : 'low'}
            draggable={false}
          />
          {image.favorite && (
            <span className="badge" aria-hidden="true">
              ★
            </span>
          )}
          {chosen.has(image.id) && (
            <span className="check" aria-hidden="true">
              ✓
            </span>
          )}
        </button>
      ))}
    </div>
  );
}, sameRow);

/** Whether a row would draw the same: same tiles, the same image objects in them, and the same selection state. */
function sameRow(before: GalleryRowProps, after: GalleryRowProps): boolean {
  if (before.top !== after.top || before.onScreen !== after.onScreen || before.desktop !== after.desktop) return false;
  if (before.select !== after.select || before.pick !== after.pick) return false;
  const [a, b] = [before.tiles, after.tiles];
  if (a.start !== b.start || a.end !== b.end || a.height !== b.height) return false;
  if (a.widths.some((width, column) => width !== b.widths[column])) return false;
  const pickingChanged = before.chosen.size > 0 !== after.chosen.size > 0;
  if (pickingChanged) return false;
  for (let index = a.start; index < a.end; index++) {
    const image = after.images[index];
    if (before.images[index] !== image || !image) return false;
    const id = image.id;
    if ((before.selectedId === id) !== (after.selectedId === id)) return false;
    if (before.chosen.has(id) !== after.chosen.has(id)) return false;
    if ((before.activeIndex === index) !== (after.activeIndex === index)) return false;
  }
  return true;
}
