import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { on } from '../api';
import { EmptyState } from '../components/EmptyState';
import { FilePickButton } from '../components/FilePickButton';
import { ErrorBanner } from '../components/ErrorBanner';
import { isFiltered, noFilters, reloadOnOpen, selectedImage, useGallery } from '../stores/gallery';
import { useProviders } from '../stores/providers';
import { useImporter } from '../stores/importer';
import { useShell } from '../stores/shell';
import { collectDroppedFiles } from '../dropped-files';
import { ImportPanel } from './gallery/ImportPanel';
import { GalleryGrid } from './gallery/GalleryGrid';
import { GalleryToolbar } from './gallery/GalleryToolbar';
import { ImageDetail, SelectionSummary } from './gallery/ImageDetail';
import { FilterChips } from './gallery/FilterChips';
import { GalleryFilters } from './gallery/GalleryFilters';
import { pastedImageFiles } from './gallery/pasted-files';
import { SelectionBar } from './gallery/SelectionBar';
import { TileSizeSlider } from './gallery/TileSizeSlider';
import { TrashBar } from './gallery/TrashBar';
import { formatBytes } from '../i18n/format';

export function GalleryView() {
  const { t, i18n } = useTranslation();
  const images = useGallery((state) => state.images);
  const loading = useGallery((state) => state.loading);
  const error = useGallery((state) => state.error);
  const filters = useGallery((state) => state.filters);
  const undo = useGallery((state) => state.undo);
  const undoTrash = useGallery((state) => state.undoTrash);
  const deleted = useGallery((state) => state.deleted);
  const setFilters = useGallery((state) => state.setFilters);
  const dismissError = useGallery((state) => state.dismissError);
  const reload = useGallery((state) => state.reload);
  const loadFacets = useGallery((state) => state.loadFacets);
  const setView = useShell((state) => state.setView);
  const detailShown = useGallery((state) => selectedImage(state) !== undefined);
  const picked = useGallery((state) => state.picked);
  const allImages = useGallery((state) => state.images);
  const exported = useGallery((state) => state.exported);
  const loadProviders = useProviders((state) => state.load);
  // Several picked: the panel shows them together (count, thumbnails, size, cost), never one of them.
  const pickedImages = picked.length > 1 ? allImages.filter((image) => picked.includes(image.id)) : [];

  // Provider labels for the filter menu, the chips and the detail panel.
  useEffect(() => void loadProviders(), [loadProviders]);

  useEffect(() => {
    void reloadOnOpen();
    void loadFacets();
    // New, changed or removed images (from a job, the CLI, another window) show up without a manual refresh.
    return on('library.changed', () => {
      void reload();
      void loadFacets();
    });
  }, [reload, loadFacets]);

  const importFiles = useImporter((state) => state.importFiles);
  // Ctrl/⌘+V anywhere in the gallery imports the images on the clipboard (text pasted into a field stays text).
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = pastedImageFiles(event);
      if (files.length === 0) return;
      event.preventDefault();
      void importFiles(files);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [importFiles]);
  const [dragging, setDragging] = useState(false);
  // Only a drag that carries files from outside shows the drop target (not a thumbnail dragged to the editor).
  const carriesFiles = (event: React.DragEvent) => [...event.dataTransfer.types].includes('Files');

  const filtered = isFiltered(filters);
  const inTrash = filters.trash;
  const emptyState = inTrash ? (
    <EmptyState title={t('trash.emptyTitle')} hint={t('trash.emptyHint')} testId="trash-empty-state">
      <button type="button" data-testid="trash-back" onClick={() => setFilters({ trash: false })}>
        {t('trash.back')}
      </button>
    </EmptyState>
  ) : (
    <EmptyState title={t('gallery.emptyTitle')} hint={t('gallery.emptyHint')} testId="gallery-empty">
      <div className="empty-actions">
        <button
          type="button"
          className="primary"
          data-testid="gallery-empty-generate"
          onClick={() => setView('generate')}
        >
          {t('gallery.emptyGenerate')}
        </button>
        <FilePickButton
          label={t('gallery.emptyImport')}
          multiple
          accept="image/*"
          testId="gallery-empty-import-input"
          buttonTestId="gallery-empty-import"
          onFiles={importFiles}
        />
      </div>
    </EmptyState>
  );
  return (
    <section
      className="view gallery"
      aria-labelledby="gallery-title"
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        // Collected now: the browser empties the DataTransfer once the drop event is over.
        return importFiles(collectDroppedFiles(event.dataTransfer));
      }}
    >
      <header className="view-header">
        <h1 id="gallery-title">{inTrash ? t('trash.title') : t('gallery.title')}</h1>
        <GalleryToolbar />
        {/* Shown on a row of its own below (CSS order), but after the search in Tab order; Import then leads to the grid. */}
        {!inTrash && <GalleryFilters />}
        <TileSizeSlider />
        <button
          type="button"
          data-testid="gallery-trash-view"
          aria-pressed={inTrash}
          onClick={() => setFilters({ trash: !inTrash })}
        >
          {inTrash ? t('trash.back') : t('trash.open')}
        </button>
        <FilePickButton
          label={t('import.button')}
          multiple
          accept="image/*"
          testId="gallery-import-input"
          buttonTestId="gallery-import"
          onFiles={importFiles}
        />
      </header>
      <FilterChips />
      {dragging && (
        <div className="drop-overlay" data-testid="gallery-drop-overlay">
          {t('import.dropHere')}
        </div>
      )}
      <ImportPanel />
      {inTrash && <TrashBar />}
      {error && <ErrorBanner error={error} onDismiss={dismissError} />}
      {/* The detail column is kept while the library has images, so opening an image never re-flows the grid. */}
      <div className={images.length === 0 && !filtered && !detailShown ? 'gallery-body alone' : 'gallery-body'}>
        {images.length === 0 && !loading ? (
          filtered ? (
            <EmptyState title={t('gallery.noMatchTitle')} hint={t('gallery.noMatchHint')} testId="gallery-no-match">
              <button type="button" data-testid="gallery-clear-filters" onClick={() => setFilters(noFilters)}>
                {t('gallery.clearFilters')}
              </button>
            </EmptyState>
          ) : (
            emptyState
          )
        ) : (
          <GalleryGrid />
        )}
        {pickedImages.length > 1 ? (
          <SelectionSummary images={pickedImages} />
        ) : detailShown ? (
          <ImageDetail />
        ) : (
          <p className="detail-placeholder muted" data-testid="detail-placeholder">
            {t('gallery.detailHint')}
          </p>
        )}
      </div>
      {/* The selection bar and the notices float over the grid's foot together, one above the other, never
          one over the other. */}
      <div className="gallery-float">
        {undo && (
          <div className="toast" role="status" data-testid="toast">
            {t('gallery.trashed', { count: undo.ids.length })}
            <button type="button" data-testid="toast-undo" onClick={undoTrash}>
              {t('gallery.undo')}
            </button>
          </div>
        )}
        {exported && (
          <div className="toast" role="status" data-testid="export-toast">
            {t('finding.exported', { count: exported.count, folder: exported.folder })}
          </div>
        )}
        {deleted && (
          <div className="toast" role="status" data-testid="toast">
            {t('trash.deleted', { count: deleted.count, size: formatBytes(deleted.freedBytes, i18n.language) })}
          </div>
        )}
        {!inTrash && <SelectionBar />}
      </div>
    </section>
  );
}
