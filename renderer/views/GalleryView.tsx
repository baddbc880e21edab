import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { on } from '../api';
import { EmptyState } from '../components/EmptyState';
import { useGallery } from '../stores/gallery';
import { GalleryGrid } from './gallery/GalleryGrid';
import { GalleryToolbar } from './gallery/GalleryToolbar';
import { ImageDetail } from './gallery/ImageDetail';

export function GalleryView() {
  const { t } = useTranslation();
  const images = useGallery((state) => state.images);
  const loading = useGallery((state) => state.loading);
  const error = useGallery((state) => state.error);
  const filters = useGallery((state) => state.filters);
  const undo = useGallery((state) => state.undo);
  const undoTrash = useGallery((state) => state.undoTrash);
  const reload = useGallery((state) => state.reload);
  const loadFacets = useGallery((state) => state.loadFacets);

  useEffect(() => {
    void reload();
    void loadFacets();
    // New, changed or removed images (from a job, the CLI, another window) show up without a manual refresh.
    return on('library.changed', () => {
      void reload();
      void loadFacets();
    });
  }, [reload, loadFacets]);

  const filtered = Boolean(filters.query || filters.model || filters.favorite);
  return (
    <section className="view gallery" aria-labelledby="gallery-title">
      <header className="view-header">
        <h1 id="gallery-title">{t('gallery.title')}</h1>
        <GalleryToolbar />
      </header>
      {error && (
        <div className="error-banner" role="alert" data-testid="error-banner">
          {error}
        </div>
      )}
      <div className="gallery-body">
        {images.length === 0 && !loading ? (
          filtered ? (
            <EmptyState title={t('gallery.noMatchTitle')} hint={t('gallery.noMatchHint')} testId="gallery-no-match" />
          ) : (
            <EmptyState title={t('gallery.emptyTitle')} hint={t('gallery.emptyHint')} testId="gallery-empty" />
          )
        ) : (
          <GalleryGrid />
        )}
        <ImageDetail />
      </div>
      {undo && (
        <div className="toast" role="status" data-testid="toast">
          {t('gallery.trashed', { count: undo.ids.length })}
          <button type="button" data-testid="toast-undo" onClick={() => void undoTrash()}>
            {t('gallery.undo')}
          </button>
        </div>
      )}
    </section>
  );
}
