import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../api';
import { TagInput } from '../../components/TagInput';
import { pickedAreFavorite, useGallery } from '../../stores/gallery';
import { CompareDialog } from './CompareDialog';
import { ExportForm } from './ExportForm';

/**
 * What can be done to every picked image at once: favourite, tag, rate, export, trash (with Undo), compare two at
 * full size, or let go. It floats over the grid, so it never pushes the tiles down.
 */
export function SelectionBar() {
  const { t } = useTranslation();
  const picked = useGallery((state) => state.picked);
  const allFavorite = useGallery(pickedAreFavorite);
  const favoriteMany = useGallery((state) => state.favoriteMany);
  const tagMany = useGallery((state) => state.tagMany);
  const rateMany = useGallery((state) => state.rateMany);
  const trash = useGallery((state) => state.trash);
  const clearPicked = useGallery((state) => state.clearPicked);
  const [exporting, setExporting] = useState(false);
  const [comparing, setComparing] = useState<[string, string] | null>(null);
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
      <select
        data-testid="gallery-bulk-rate"
        aria-label={t('finding.bulkRate')}
        value=""
        onChange={(event) => {
          if (event.target.value !== '') void rateMany(picked, Number(event.target.value));
        }}
      >
        <option value="" disabled>
          {t('finding.bulkRate')}
        </option>
        {[5, 4, 3, 2, 1].map((rating) => (
          <option key={rating} value={rating}>
            {t('detail.rateStars', { count: rating })}
          </option>
        ))}
        <option value={0}>{t('finding.noRating')}</option>
      </select>
      <button
        type="button"
        data-testid="gallery-bulk-export"
        aria-expanded={exporting}
        onClick={() => setExporting(!exporting)}
      >
        {t('finding.export')}
      </button>
      {picked.length === 2 && (
        <button type="button" data-testid="gallery-bulk-compare" onClick={() => setComparing([picked[0]!, picked[1]!])}>
          {t('finding.compare')}
        </button>
      )}
      <button type="button" data-testid="gallery-bulk-trash" className="danger" onClick={() => trash(picked)}>
        {t('gallery.bulkTrash')}
      </button>
      <button type="button" data-testid="gallery-bulk-clear" onClick={clearPicked}>
        {t('gallery.bulkClear')}
      </button>
      {exporting && <ExportForm ids={picked} onDone={() => setExporting(false)} />}
      {comparing && (
        <CompareDialog
          before={mediaUrl(comparing[0], 'original')}
          after={mediaUrl(comparing[1], 'original')}
          label={t('finding.compareTitle')}
          title={t('finding.compareTitle')}
          onClose={() => setComparing(null)}
        />
      )}
    </div>
  );
}
