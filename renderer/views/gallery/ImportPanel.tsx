import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describe-error';
import { useImporter } from '../../stores/importer';

/**
 * Progress while files import, then what happened to each: imported, already there (under the name the user
 * gave), refused and why, or passed over (a folder's notes and sidecars) and why.
 */
export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const { running, done, total, report, dismiss } = useImporter();
  if (running) {
    return (
      <div className="toast" role="status" data-testid="import-progress">
        {t('import.progress', { done, total })}
        <progress max={total} value={done} />
      </div>
    );
  }
  if (!report) return null;
  return (
    <div className="import-report card" role="status" data-testid="import-report">
      <p>
        {t('import.summary', {
          imported: report.imported,
          duplicates: report.duplicates,
          refused: report.refused.length,
        })}
      </p>
      {report.refused.length > 0 && (
        <ul className="refused">
          {report.refused.map((item, index) => (
            <li key={`${item.path}-${index}`} data-testid="import-refused" data-code={item.error.code}>
              {item.path
                ? t('errors.subject', { subject: item.path, text: describeError(i18n, item.error) })
                : describeError(i18n, item.error)}
            </li>
          ))}
        </ul>
      )}
      {report.duplicateNames.length > 0 && (
        <ul className="duplicates">
          {report.duplicateNames.map((name, index) => (
            <li key={`${name}-${index}`} data-testid="import-duplicate">
              {t('import.duplicate', { name })}
            </li>
          ))}
        </ul>
      )}
      {report.skipped.length > 0 && (
        <ul className="skipped">
          {report.skipped.map((item, index) => (
            <li key={`${item.path}-${index}`} data-testid="import-skipped">
              {t('errors.subject', { subject: item.path, text: describeError(i18n, item.error) })}
            </li>
          ))}
        </ul>
      )}
      <button type="button" data-testid="import-dismiss" onClick={dismiss}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}
