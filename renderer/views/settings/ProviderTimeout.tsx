import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestTimeoutRangeMs } from '../../../shared/limits';
import { type ProviderEntry, useProviders } from '../../stores/providers';

const minute = 60_000;
const minMinutes = Math.ceil(requestTimeoutRangeMs.min / minute);
const maxMinutes = Math.floor(requestTimeoutRangeMs.max / minute);

/**
 * One provider's request time-out in whole minutes (issue 11, point 3): a slow model's long generation is not cut
 * short (and paid for again). Empty means the preset's; the hint says what applies now.
 */
export function ProviderTimeout({ provider }: { provider: ProviderEntry }) {
  const { t } = useTranslation();
  const setRequestTimeout = useProviders((state) => state.setRequestTimeout);
  const own = provider.requestTimeoutMs === null ? '' : String(provider.requestTimeoutMs / minute);
  const [draft, setDraft] = useState(own);
  // Changed elsewhere (the CLI, another window): the draft follows, adjusted while rendering as React advises.
  const [shown, setShown] = useState(own);
  if (shown !== own) {
    setShown(own);
    setDraft(own);
  }
  const minutes = Number(draft);
  const valid = draft === '' || (Number.isInteger(minutes) && minutes >= minMinutes && minutes <= maxMinutes);

  return (
    <label>
      {t('providers.timeout')}
      <span>
        <input
          type="number"
          inputMode="numeric"
          min={minMinutes}
          max={maxMinutes}
          step={1}
          data-testid="provider-timeout"
          placeholder={String(provider.effectiveTimeoutMs / minute)}
          value={draft}
          aria-invalid={!valid}
          aria-describedby={`timeout-hint-${provider.id}`}
          onChange={(event) => setDraft(event.target.value)}
        />{' '}
        <button
          type="button"
          data-testid="provider-timeout-save"
          disabled={!valid || draft === own}
          onClick={() => void setRequestTimeout(provider.id, draft === '' ? null : minutes * minute)}
        >
          {t('providers.saveTimeout')}
        </button>{' '}
        {provider.requestTimeoutMs !== null && (
          <button type="button" onClick={() => void setRequestTimeout(provider.id, null)}>
            {t('providers.timeoutDefault')}
          </button>
        )}
      </span>
      <small id={`timeout-hint-${provider.id}`} className="muted">
        {t('providers.timeoutHint', { minutes: Math.round((provider.effectiveTimeoutMs / minute) * 10) / 10 })}
      </small>
    </label>
  );
}
