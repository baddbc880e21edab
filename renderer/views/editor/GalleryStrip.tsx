import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke, mediaUrl, on } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { setImageDragData } from '../../drag-images';
import { attempt, type ShownError } from '../../stores/attempt';
import { useEditor } from '../../stores/editor';
import type { LibraryImage } from '../../../shared/contract/library';

/** One page of the strip: enough to fill a wide window, few enough that the page holds only these thumbnails. */
const pageSize = 24;

function nameOf(image: LibraryImage): string {
  return image.originalName ?? image.prompt ?? image.id;
}

/**
 * The library's recent images inside the editor, a page at a time (newest first, a search narrows them): click or
 * drag one onto the canvas to edit it, Shift+click or its + to add it as a reference. The canvas stays where it is.
 */
export function GalleryStrip() {
  const { t } = useTranslation();
  const hasSource = useEditor((state) => state.source !== null);
  const [query, setQuery] = useState('');
  /** The cursors of the pages before this one ('' for the first), to go back a page. */
  const [cursors, setCursors] = useState<string[]>(['']);
  const [images, setImages] = useState<LibraryImage[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [loaded, setLoaded] = useState(false);
  const latest = useRef(0);
  const cursor = cursors[cursors.length - 1]!;

  const load = useCallback(
    async (background: boolean) => {
      const call = ++latest.current;
      await attempt(
        ({ error: shown }) => setError(shown),
        async () => {
          const page = await invoke('library.list', {
            limit: pageSize,
            sort: 'newest',
            ...(query.trim() && { query: query.trim() }),
            ...(cursor && { after: cursor }),
          });
          if (call !== latest.current) return;
          setImages(page.images);
          setNext(page.next);
          setLoaded(true);
        },
        { background, current: () => call === latest.current },
      );
    },
    [query, cursor],
  );
  useEffect(() => {
    void load(true);
  }, [load]);
  // A new result or import shows up at once on the first page (later pages keep their place).
  useEffect(() => on('library.changed', () => void load(true)), [load]);

  const choose = (image: LibraryImage, asReference: boolean) => {
    const editor = useEditor.getState();
    // Never rejects: a failure is kept in the editor's error.
    void (asReference && hasSource ? editor.addReferenceById(image.id) : editor.openLibraryImage(image));
  };

  return (
    <section className="editor-gallery-strip" data-testid="editor-gallery-strip" aria-label={t('editor.gallery.title')}>
      <div className="editor-gallery-bar">
        <strong>{t('editor.gallery.title')}</strong>
        <input
          type="search"
          data-testid="editor-gallery-search"
          aria-label={t('editor.gallery.search')}
          placeholder={t('editor.gallery.search')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setCursors(['']);
          }}
        />
        <button
          type="button"
          data-testid="editor-gallery-newer"
          disabled={cursors.length === 1}
          aria-label={t('editor.gallery.newer')}
          title={t('editor.gallery.newer')}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ‹
        </button>
        <button
          type="button"
          data-testid="editor-gallery-older"
          disabled={!next}
          aria-label={t('editor.gallery.older')}
          title={t('editor.gallery.older')}
          onClick={() => next && setCursors([...cursors, next])}
        >
          ›
        </button>
      </div>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} testId="editor-gallery-error" />}
      {loaded && images.length === 0 ? (
        <p className="muted hint" data-testid="editor-gallery-empty">
          {query.trim() ? t('editor.gallery.noMatch') : t('editor.gallery.empty')}
        </p>
      ) : (
        // The row keeps its height while a page loads, so the canvas above it does not jump.
        <ol className="editor-gallery-tiles">
          {images.map((image) => (
            <li key={image.id} className="editor-gallery-tile">
              <button
                type="button"
                data-testid="editor-gallery-tile"
                data-image-id={image.id}
                draggable
                title={hasSource ? t('editor.gallery.tileHint', { name: nameOf(image) }) : nameOf(image)}
                aria-label={t('editor.gallery.edit', { name: nameOf(image) })}
                onDragStart={(event) => setImageDragData(event, [image.id])}
                onClick={(event) => choose(image, event.shiftKey)}
              >
                <img src={mediaUrl(image.id, 'thumb256')} alt="" loading="lazy" draggable={false} />
              </button>
              {hasSource && (
                <button
                  type="button"
                  className="editor-gallery-add"
                  data-testid="editor-gallery-reference"
                  aria-label={t('editor.gallery.asReference', { name: nameOf(image) })}
                  title={t('editor.gallery.asReference', { name: nameOf(image) })}
                  onClick={() => choose(image, true)}
                >
                  +
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
