import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { mediaUrl } from '../../api';
import { pickedAreFavorite, useGallery } from '../../stores/gallery';
import { galleryDragType } from '../editor/DropZone';

const cellSize = 176;
const gap = 8;

/** Only the rows on screen are in the DOM, so 100,000 images scroll like 100. */
export function GalleryGrid() {
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
  const scroller = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(4);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) =>
      setColumns(Math.max(1, Math.floor((entry!.contentRect.width + gap) / (cellSize + gap)))),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rowCount = Math.ceil(images.length / columns);
  // TanStack Virtual hands back functions the React Compiler cannot memoise; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => cellSize + gap,
    overscan: 4,
  });
  const rows = virtualizer.getVirtualItems();
  const lastRow = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastRow >= rowCount - 3) void loadMore();
  }, [lastRow, rowCount, loadMore]);
  // The selected image is kept in sight, whether the arrows moved to it or its lineage opened it.
  useEffect(() => {
    const index = images.findIndex((image) => image.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' });
    // Only a new selection scrolls; new pages or a resize keep the user's own scroll position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  const chosen = new Set(picked);
  const onKeyDown = (event: React.KeyboardEvent) => {
    const index = images.findIndex((image) => image.id === selectedId);
    const move = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const target = images[Math.min(images.length - 1, Math.max(0, index < 0 ? 0 : index + move))];
      if (target) {
        // Shift+arrow grows the selection, as in a file manager; a plain arrow moves a single selection.
        if (event.shiftKey) pick(target.id, 'range');
        else select(target.id);
      }
    } else if ((event.ctrlKey || event.metaKey) && (event.key === 'a' || event.key === 'A')) {
      event.preventDefault();
      pickAll();
    } else if (event.key === 'f' || event.key === 'F') {
      if (picked.length > 0) return favoriteMany(picked, !pickedAreFavorite({ images, picked }));
      if (selectedId) return toggleFavorite(selectedId);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      const chosen = picked.length > 0 ? picked : selectedId ? [selectedId] : [];
      if (chosen.length === 0) return;
      // In the trash, Delete asks before deleting for good; elsewhere it moves to the trash (with Undo).
      if (inTrash) askDeletion({ kind: 'delete', ids: chosen });
      else return trash(chosen);
    } else if (event.key === 'Escape') {
      if (picked.length > 0) clearPicked();
      else select(null);
    }
  };

  return (
    <div
      ref={scroller}
      className="gallery-scroller"
      data-testid="gallery-grid"
      tabIndex={0}
      onKeyDown={onKeyDown}
      role="grid"
      aria-rowcount={rowCount}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => (
          <div
            key={row.key}
            role="row"
            className="gallery-row"
            style={{
              transform: `translateY(${row.start}px)`,
              gridTemplateColumns: `repeat(${columns}, ${cellSize}px)`,
            }}
          >
            {images.slice(row.index * columns, row.index * columns + columns).map((image) => (
              <button
                key={image.id}
                type="button"
                role="gridcell"
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
                onDragStart={(event) => {
                  event.dataTransfer.setData(galleryDragType, image.id);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
              >
                <img
                  src={mediaUrl(image.id, 'thumb256')}
                  alt={image.prompt ?? image.originalName ?? ''}
                  loading="lazy"
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
        ))}
      </div>
    </div>
  );
}
