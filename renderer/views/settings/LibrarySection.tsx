// Settings → Library on disk: the library's size by kind, and `library check [--repair]` with its report.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { on } from '../../api';
import type { CheckReport } from '../../../shared/contract/library';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatBytes } from '../../i18n/format';
import { useLibraryCare } from '../../stores/library-care';

export function LibrarySection() {
  const { t, i18n } = useTranslation();
  const { usage, report, checking, error, loadUsage, loadUsageSoon, check, dismissError } = useLibraryCare();
  useEffect(() => {
    void loadUsage();
    // Images added, deleted or repaired elsewhere change the sizes shown.
    return on('library.changed', loadUsageSoon);
  }, [loadUsage, loadUsageSoon]);
  const size = (bytes: number) => formatBytes(bytes, i18n.language);
  return (
    <fieldset className="card" data-testid="disk-view">
      <legend>{t('disk.title')}</legend>
      {usage && (
        <dl className="facts">
          <dt>{t('disk.originals')}</dt>
          <dd data-testid="disk-originals" data-bytes={usage.originals.bytes}>
            {t('disk.files', { size: size(usage.originals.bytes), count: usage.originals.files })}
          </dd>
          <dt>{t('disk.thumbnails')}</dt>
          <dd data-testid="disk-thumbnails" data-bytes={usage.thumbnails.bytes}>
            {t('disk.files', { size: size(usage.thumbnails.bytes), count: usage.thumbnails.files })}
          </dd>
          <dt>{t('disk.trash')}</dt>
          <dd data-testid="disk-trash" data-bytes={usage.trash.bytes}>
            {t('disk.trashImages', { size: size(usage.trash.bytes), count: usage.trash.images })}
          </dd>
          <dt>{t('disk.database')}</dt>
          <dd data-testid="disk-database">{size(usage.database.bytes)}</dd>
        </dl>
      )}
      <p className="muted hint">{t('disk.repairHint')}</p>
      <div className="actions">
        <button type="button" data-testid="disk-check" disabled={checking !== null} onClick={() => check(false)}>
          {checking === 'check' ? t('disk.checking') : t('disk.check')}
        </button>
        <button type="button" data-testid="disk-repair" disabled={checking !== null} onClick={() => check(true)}>
          {checking === 'repair' ? t('disk.repairing') : t('disk.repair')}
        </button>
      </div>
      {error && <ErrorBanner error={error} onDismiss={dismissError} testId="disk-error" />}
      {report && <Report report={report} />}
    </fieldset>
  );
}

const problemLists = ['integrity', 'missingFiles', 'orphanFiles', 'tempFiles', 'missingThumbs'] as const;

/** What the check found, counted in the user's language; the core's own lines (English, as the CLI prints them) beneath. */
function Report({ report }: { report: CheckReport }) {
  const { t } = useTranslation();
  const found = problemLists.filter((list) => report[list].length > 0);
  return (
    <div data-testid="disk-report" data-ok={report.ok} role="status">
      <p>{report.ok ? t('disk.ok') : t('disk.problems')}</p>
      {found.length > 0 && (
        <ul>
          {found.map((list) => (
            <li key={list} data-testid={`disk-report-${list}`}>
              {t(`disk.found.${list}`, { count: report[list].length })}
            </li>
          ))}
        </ul>
      )}
      {report.repaired.length > 0 && (
        <details>
          <summary>{t('disk.repaired', { count: report.repaired.length })}</summary>
          <ul lang="en">
            {report.repaired.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
