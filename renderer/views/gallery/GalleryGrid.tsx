import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pressed } from '../../shortcuts';
import { pickedAreFavorite, useGallery } from '../../stores/gallery';
import { useGalleryPreferences } from '../../stores/gallery-preferences';
import { GalleryRow } from './GalleryRow';
import { useIsDesktop } from './OsFileActions';
import { justifiedRows, movedIndex, rowOf, squareRows, tileGap } from './grid-layout';

/**
 * Only the rows on screen are in the DOM, so 100,000 images scroll like 100. The grid is one tab stop (roving
 * tabindex): the selected image, or the first, takes the focus; arrows, Home and End move it inside.
 */
export function GalleryGrid() {
  const { t } = useTranslation();
  const cellSize = useGalleryPreferences((state) => state.tileSize);
  const layout = useGalleryPreferences((state) => state.layout);
  const images = useGallery((state) => state.images);
  const selectedId = useGallery((state) => state.selectedId);
  const select = useGallery((state) => state.select);
  const picked = useGallery((state) => state.picked);
  const pick = useGallery((state) => state.pick);
  const pickAll = useGallery((state) => state.pickAll);
  const clearPicked = useGallery((state) => state.clearPicked);
  const favoriteMany = useGallery((state) => state.favoriteMany);
  const loadMore = useGallery((state) => state.loadMore);
  const toggleFavorite = useGallery((state) => state.toggleFavorite);
  const trash = useGallery((state) => state.trash);
  const inTrash = useGallery((state) => state.filters.trash);
  const askDeletion = useGallery((state) => state.askDeletion);
  const desktop = useIsDesktop();
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  // Measured before the first paint: rows laid out for no width would ask for thumbnails the real rows never show.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The width never changes when the detail opens (its column is kept), so neither do the rows.
  const tileRows = useMemo(
    () =>
      width === 0
        ? []
        : layout === 'square'
          ? squareRows(images.length, width, cellSize)
          : justifiedRows(
              images.map((image) => image.width / image.height),
              width,
              cellSize,
            ),
    [images, width, cellSize, layout],
  );
  const rowCount = tileRows.length;
  // TanStack Virtual hands back functions the React Compiler cannot memoise; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (tileRows[index]?.height ?? cellSize) + tileGap,
    // Two rows beyond the screen each way: enough for a flick, few enough that their thumbnails do not queue ahead
    // of the ones on screen when the gallery opens.
    overscan: 2,
    // A scroll frame re-renders in React's own time rather than synchronously inside the scroll event; the
    // overscan rows cover the frame in between.
    useFlushSync: false,
  });
  useEffect(() => {
    // Rows already measured keep their old height until told the tiles changed size.
    virtualizer.measure();
  }, [tileRows, virtualizer]);
  const rows = virtualizer.getVirtualItems();
  // The rows in the window itself, not the overscan around it: their thumbnails are asked for first.
  const visible = virtualizer.range;
  const onScreen = (index: number) => !visible || (index >= visible.startIndex && index <= visible.endIndex);
  const lastRow = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    // Not before the rows are laid out (no width yet): zero rows would look like the end of the list.
    if (rowCount > 0 && lastRow >= rowCount - 3) void loadMore();
  }, [lastRow, rowCount, loadMore]);
  // The selected image is kept in sight, whether the arrows moved to it or its lineage opened it.
  useEffect(() => {
    const index = images.findIndex((image) => image.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(rowOf(tileRows, index), { align: 'auto' });
    // The focus follows a selection made from the keyboard, once its row is drawn.
    const element = scroller.current;
    if (!selectedId || !element || !element.contains(document.activeElement)) return;
    return focusWhenDrawn(element, selectedId);
    // Only a new selection scrolls; new pages or a resize keep the user's own scroll position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  // The one tab stop: the selected image if it is loaded, else the first. While its row is out of the DOM, the grid
  // itself is the stop, so Tab never skips the gallery.
  const activeIndex = Math.max(
    0,
    images.findIndex((image) => image.id === selectedId),
  );
  const activeRow = rowOf(tileRows, activeIndex);
  const activeDrawn = rows.some((row) => row.index === activeRow);

  const chosen = useMemo(() => new Set(picked), [picked]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    // Arrows move from the tile that has the focus (Tab may have brought it there with nothing selected yet).
    const focusedId = event.target instanceof HTMLElement ? event.target.dataset.imageId : undefined;
    const index = images.findIndex((image) => image.id === (focusedId ?? selectedId));
    const growing = pressed(event, 'gallery', 'selectRange');
    const moved =
      growing || pressed(event, 'gallery', 'moveFocus') || pressed(event, 'gallery', 'firstLast')
        ? movedIndex(event.key, index, tileRows)
        : null;
    if (moved !== null) {
      event.preventDefault();
      const target = images[moved];
      if (target) {
        // Shift+arrow grows the selection, as in a file manager; a plain arrow moves a single selection.
        if (growing) pick(target.id, 'range');
        else select(target.id);
      }
    } else if (pressed(event, 'gallery', 'selectAll')) {
      event.preventDefault();
      pickAll();
    } else if (pressed(event, 'gallery', 'favorite')) {
      if (picked.length > 0) return favoriteMany(picked, !pickedAreFavorite({ images, picked }));
      if (selectedId) return toggleFavorite(selectedId);
    } else if (pressed(event, 'gallery', 'trash')) {
      const chosen = picked.length > 0 ? picked : selectedId ? [selectedId] : [];
      if (chosen.length === 0) return;
      // In the trash, Delete asks before deleting for good; elsewhere it moves to the trash (with Undo).
      if (inTrash) askDeletion({ kind: 'delete', ids: chosen });
      else return trash(chosen);
    } else if (pressed(event, 'gallery', 'letGo')) {
      if (picked.length > 0) clearPicked();
      else select(null);
    }
  };

  return (
    <div
      ref={scroller}
      className="gallery-scroller"
      data-testid="gallery-grid"
      tabIndex={activeDrawn ? -1 : 0}
      onKeyDown={onKeyDown}
      role="grid"
      aria-label={t('gallery.title')}
      aria-rowcount={rowCount}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => (
          <GalleryRow
            key={row.key}
            images={images}
            tiles={tileRows[row.index]!}
            top={row.start}
            onScreen={onScreen(row.index)}
            selectedId={selectedId}
            chosen={chosen}
            activeIndex={activeIndex}
            desktop={desktop}
            select={select}
            pick={pick}
          />
        ))}
      </div>
    </div>
  );
}

/** Focuses an image's tile as soon as its row is drawn (a scroll brings it in a frame or two later). */
function focusWhenDrawn(grid: HTMLElement, imageId: string): () => void {
  let frame = 0;
  let tries = 0;
  const attempt = () => {
    const item = grid.querySelector<HTMLElement>(`[data-image-id="${CSS.escape(imageId)}"]`);
    if (item) item.focus({ preventScroll: true });
    else if (tries++ < 5) frame = requestAnimationFrame(attempt);
  };
  frame = requestAnimationFrame(attempt);
  return () => cancelAnimationFrame(frame);
}
