import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { mediaUrl } from '../../api';
import { useGallery } from '../../stores/gallery';
import { galleryDragType } from '../editor/DropZone';

const cellSize = 176;
const gap = 8;

/** Only the rows on screen are in the DOM, so 100,000 images scroll like 100. */
export function GalleryGrid() {
  const images = useGallery((state) => state.images);
  const selectedId = useGallery((state) => state.selectedId);
  const select = useGallery((state) => state.select);
  const loadMore = useGallery((state) => state.loadMore);
  const toggleFavorite = useGallery((state) => state.toggleFavorite);
  const trash = useGallery((state) => state.trash);
  const scroller = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(4);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setColumns(Math.max(1, Math.floor((entry!.contentRect.width + gap) / (cellSize + gap)))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rowCount = Math.ceil(images.length / columns);
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scroller.current, estimateSize: () => cellSize + gap, overscan: 4 });
  const rows = virtualizer.getVirtualItems();
  const lastRow = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastRow >= rowCount - 3) void loadMore();
  }, [lastRow, rowCount, loadMore]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const index = images.findIndex((image) => image.id === selectedId);
    const move = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const target = images[Math.min(images.length - 1, Math.max(0, index < 0 ? 0 : index + move))];
      if (target) {
        select(target.id);
        virtualizer.scrollToIndex(Math.floor(images.indexOf(target) / columns));
      }
    } else if (selectedId && (event.key === 'f' || event.key === 'F')) {
      void toggleFavorite(selectedId);
    } else if (selectedId && (event.key === 'Delete' || event.key === 'Backspace')) {
      void trash([selectedId]);
    } else if (event.key === 'Escape') {
      select(null);
    }
  };

  return (
    <div ref={scroller} className="gallery-scroller" data-testid="gallery-grid" tabIndex={0} onKeyDown={onKeyDown} role="grid" aria-rowcount={rowCount}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => (
          <div key={row.key} role="row" className="gallery-row" style={{ transform: `translateY(${row.start}px)`, gridTemplateColumns: `repeat(${columns}, ${cellSize}px)` }}>
            {images.slice(row.index * columns, row.index * columns + columns).map((image) => (
              <button
                key={image.id}
                type="button"
                role="gridcell"
                data-testid="gallery-item"
                data-image-id={image.id}
                aria-selected={image.id === selectedId}
                className={image.id === selectedId ? 'gallery-item selected' : 'gallery-item'}
                title={image.prompt ?? image.originalName ?? ''}
                onClick={() => select(image.id)}
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(galleryDragType, image.id);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
              >
                <img src={mediaUrl(image.id, 'thumb256')} alt={image.prompt ?? image.originalName ?? ''} loading="lazy" draggable={false} />
                {image.favorite && <span className="badge" aria-hidden="true">★</span>}
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
