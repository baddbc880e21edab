import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { CompareView } from '../editor/CompareView';

/**
 * Two images at full size over the whole window: an image next to the one it was edited from (the lineage), or two
 * picked in the grid (the selection bar; `title` then says so). Drawn into the body, so no toolbar around the
 * opener narrows or clips it. Esc, the Close button or a click
 * outside closes it; while it is open the keys go to it, not to the gallery behind (F, Delete, arrows).
 */
export function CompareDialog({
  before,
  after,
  label,
  title,
  onClose,
}: {
  before: string;
  after: string;
  label: string;
  title?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
      if (event.key !== 'Tab') event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      opener?.focus();
    };
  }, [onClose]);
  const heading = title ?? t('lineage.compareTitle');
  return createPortal(
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog compare-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={heading}
        data-testid="lineage-compare-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <header>
          <h2>{heading}</h2>
          <button ref={close} type="button" data-testid="lineage-compare-close" onClick={onClose}>
            {t('lineage.close')}
          </button>
        </header>
        <CompareView before={before} after={after} label={label} />
      </div>
    </div>,
    document.body,
  );
}
