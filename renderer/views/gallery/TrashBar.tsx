import { useTranslation } from 'react-i18next';
import { useGallery } from '../../stores/gallery';

/**
 * The trash view's actions: restore or delete for good what is selected, or empty the whole trash.
 * Nothing is deleted before the user says yes in the confirmation that takes the bar's place.
 */
export function TrashBar() {
  const { t } = useTranslation();
  const picked = useGallery((state) => state.picked);
  const selectedId = useGallery((state) => state.selectedId);
  const hasImages = useGallery((state) => state.images.length > 0);
  const pending = useGallery((state) => state.pendingDeletion);
  const restore = useGallery((state) => state.restore);
  const askDeletion = useGallery((state) => state.askDeletion);
  const cancelDeletion = useGallery((state) => state.cancelDeletion);
  const confirmDeletion = useGallery((state) => state.confirmDeletion);
  const chosen = picked.length > 0 ? picked : selectedId ? [selectedId] : [];

  if (pending) {
    return (
      <div className="selection-bar confirm-bar" role="alertdialog" aria-labelledby="trash-confirm-text">
        <span id="trash-confirm-text">
          {pending.kind === 'empty' ? t('trash.confirmEmpty') : t('trash.confirmDelete', { count: pending.ids.length })}
        </span>
        <button type="button" className="danger" data-testid="trash-confirm" onClick={confirmDeletion}>
          {t('trash.confirm')}
        </button>
        <button type="button" data-testid="trash-confirm-cancel" onClick={cancelDeletion} autoFocus>
          {t('trash.cancel')}
        </button>
      </div>
    );
  }
  if (!hasImages) return null;
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('trash.title')} data-testid="trash-bar">
      <span>{chosen.length > 0 ? t('gallery.picked', { count: chosen.length }) : t('trash.chooseHint')}</span>
      <button type="button" data-testid="trash-restore" disabled={chosen.length === 0} onClick={() => restore(chosen)}>
        {t('trash.restore')}
      </button>
      <button
        type="button"
        className="danger"
        data-testid="trash-delete"
        disabled={chosen.length === 0}
        onClick={() => askDeletion({ kind: 'delete', ids: chosen })}
      >
        {t('trash.delete')}
      </button>
      <button type="button" className="danger" data-testid="trash-empty" onClick={() => askDeletion({ kind: 'empty' })}>
        {t('trash.empty')}
      </button>
    </div>
  );
}
