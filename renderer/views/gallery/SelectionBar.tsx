import { useTranslation } from 'react-i18next';
import { TagInput } from '../../components/TagInput';
import { pickedAreFavorite, useGallery } from '../../stores/gallery';

/** What can be done to every picked image at once: favourite, tag, trash (with Undo), or let go. */
export function SelectionBar() {
  const { t } = useTranslation();
  const picked = useGallery((state) => state.picked);
  const allFavorite = useGallery(pickedAreFavorite);
  const favoriteMany = useGallery((state) => state.favoriteMany);
  const tagMany = useGallery((state) => state.tagMany);
  const trash = useGallery((state) => state.trash);
  const clearPicked = useGallery((state) => state.clearPicked);
  if (picked.length === 0) return null;

  return (
    <div
      className="selection-bar floating"
      role="toolbar"
      aria-label={t('gallery.picked', { count: picked.length })}
      data-testid="gallery-selection-bar"
    >
      <span data-testid="gallery-selection-count">{t('gallery.picked', { count: picked.length })}</span>
      <button type="button" data-testid="gallery-bulk-favorite" onClick={() => favoriteMany(picked, !allFavorite)}>
        {allFavorite ? t('gallery.bulkUnfavorite') : t('gallery.bulkFavorite')}
      </button>
      <TagInput
        testId="gallery-bulk-tag-input"
        label={t('gallery.bulkTag')}
        onAdd={(names) => tagMany(picked, names)}
      />
      <button type="button" data-testid="gallery-bulk-trash" className="danger" onClick={() => trash(picked)}>
        {t('gallery.bulkTrash')}
      </button>
      <button type="button" data-testid="gallery-bulk-clear" onClick={clearPicked}>
        {t('gallery.bulkClear')}
      </button>
    </div>
  );
}
