import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';

export function GalleryView() {
  const { t } = useTranslation();
  return (
    <section className="view" aria-labelledby="gallery-title">
      <h1 id="gallery-title">{t('gallery.title')}</h1>
      <EmptyState title={t('gallery.emptyTitle')} hint={t('gallery.emptyHint')} testId="gallery-empty" />
    </section>
  );
}
