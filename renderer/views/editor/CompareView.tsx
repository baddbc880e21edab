import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const compareModes = ['side-by-side', 'split', 'blink', 'difference'] as const;
export type CompareMode = (typeof compareModes)[number];

/** Original and result, four ways: next to each other, a split slider, blinking, or their difference. */
export function CompareView({ before, after, label }: { before: string; after: string; label: string }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<CompareMode>('split');
  const [split, setSplit] = useState(50);
  const [showAfter, setShowAfter] = useState(true);
  useEffect(() => {
    if (mode !== 'blink') return;
    const timer = setInterval(() => setShowAfter((value) => !value), 700);
    return () => clearInterval(timer);
  }, [mode]);
  return (
    <div className="compare" data-testid="compare-view" data-mode={mode}>
      <div className="compare-controls">
        <select
          data-testid="compare-mode"
          aria-label={t('compare.mode')}
          value={mode}
          onChange={(event) => setMode(event.target.value as CompareMode)}
        >
          {compareModes.map((value) => (
            <option key={value} value={value}>
              {t(`compare.modes.${value}`)}
            </option>
          ))}
        </select>
        {mode === 'split' && (
          <input
            type="range"
            aria-label={t('compare.split')}
            min={0}
            max={100}
            value={split}
            onChange={(event) => setSplit(Number(event.target.value))}
          />
        )}
      </div>
      {mode === 'side-by-side' && (
        <div className="compare-pair">
          <figure>
            <img src={before} alt={t('compare.before')} />
            <figcaption>{t('compare.before')}</figcaption>
          </figure>
          <figure>
            <img src={after} alt={label} />
            <figcaption>{t('compare.after')}</figcaption>
          </figure>
        </div>
      )}
      {mode !== 'side-by-side' && (
        <div className={`compare-stack ${mode}`}>
          <img src={before} alt={t('compare.before')} />
          {mode === 'split' && (
            <img className="over" src={after} alt={label} style={{ clipPath: `inset(0 0 0 ${split}%)` }} />
          )}
          {mode === 'blink' && <img className="over" src={after} alt={label} style={{ opacity: showAfter ? 1 : 0 }} />}
          {mode === 'difference' && <img className="over difference" src={after} alt={label} />}
        </div>
      )}
    </div>
  );
}
