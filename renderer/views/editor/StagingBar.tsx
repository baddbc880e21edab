import { useTranslation } from 'react-i18next';
import { useEditor } from '../../stores/editor';

/** The edit's results staged on the canvas: go through them (← →), look at the original (O), accept one or discard. */
export function StagingBar() {
  const { t } = useTranslation();
  const staging = useEditor((state) => state.staging);
  const cycleCandidate = useEditor((state) => state.cycleCandidate);
  const toggleOriginal = useEditor((state) => state.toggleOriginal);
  const acceptCandidate = useEditor((state) => state.acceptCandidate);
  const discardCandidates = useEditor((state) => state.discardCandidates);
  if (!staging) return null;
  const several = staging.imageIds.length > 1;
  // Sent to several models, each candidate says which one made it.
  const byModel = new Set(staging.models).size > 1 ? staging.models[staging.index] : undefined;
  return (
    <div className="staging-bar" role="group" aria-label={t('editor.staging.title')}>
      <strong>{t('editor.staging.title')}</strong>
      <button
        type="button"
        data-testid="staging-prev"
        disabled={!several}
        title={`${t('editor.staging.prev')} (←)`}
        aria-label={t('editor.staging.prev')}
        onClick={() => cycleCandidate(-1)}
      >
        ←
      </button>
      <span className="value">
        {t('editor.staging.position', { index: staging.index + 1, count: staging.imageIds.length })}
      </span>
      {byModel && (
        <span className="muted" data-testid="staging-model">
          {byModel}
        </span>
      )}
      <button
        type="button"
        data-testid="staging-next"
        disabled={!several}
        title={`${t('editor.staging.next')} (→)`}
        aria-label={t('editor.staging.next')}
        onClick={() => cycleCandidate(1)}
      >
        →
      </button>
      <button type="button" aria-pressed={staging.showOriginal} title="O" onClick={toggleOriginal}>
        {t('editor.staging.original')}
      </button>
      <button type="button" className="primary" data-testid="staging-accept" onClick={acceptCandidate}>
        {t('editor.staging.accept')}
      </button>
      <button type="button" data-testid="staging-discard" onClick={discardCandidates}>
        {t('editor.staging.discard')}
      </button>
    </div>
  );
}
