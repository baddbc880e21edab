import { useTranslation } from 'react-i18next';
import { explainError } from '../i18n/describe-error';
import type { ShownError } from '../stores/attempt';

/**
 * Every error a view shows: the sentence in the user's language, the core's own words beneath it when
 * they say more (a provider's reason, in English as the provider wrote it), and Dismiss when the store
 * can forget it. A state rather than an event (the core is not connected) has no Dismiss.
 */
export function ErrorBanner({
  error,
  onDismiss,
  testId = 'error-banner',
}: {
  error: ShownError;
  onDismiss?: () => void;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const { text, detail } = explainError(i18n, error);
  return (
    <div className="error-banner" role="alert" data-testid={testId} data-code={error.code}>
      <p>{error.subject ? t('errors.subject', { subject: error.subject, text }) : text}</p>
      {detail && (
        <p className="error-detail" lang="en">
          {detail}
        </p>
      )}
      {onDismiss && (
        <button type="button" data-testid={`${testId}-dismiss`} onClick={onDismiss}>
          {t('errors.dismiss')}
        </button>
      )}
    </div>
  );
}
