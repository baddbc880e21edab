import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/describe-error';
import { isFinished } from '../../shared/contract/jobs';
import { useJobs } from '../stores/jobs';
import { useShell } from '../stores/shell';

/** Jobs still under way, wherever the user is: a click goes to them. */
function RunningJobs() {
  const { t } = useTranslation();
  const running = useJobs((state) => Object.values(state.jobs).filter((job) => !isFinished(job.status)).length);
  const startJobs = useJobs((state) => state.start);
  const setView = useShell((state) => state.setView);
  useEffect(() => {
    void startJobs();
  }, [startJobs]);
  if (running === 0) return null;
  return (
    <button type="button" className="link" data-testid="status-jobs" onClick={() => setView('generate')}>
      {t('status.jobsRunning', { count: running })}
    </button>
  );
}

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const connection = useShell((state) => state.connection);
  const openShortcuts = useShell((state) => state.setShortcutsOpen);
  return (
    <footer className="status-bar" data-testid="core-status" data-state={connection.state}>
      <span className={`dot ${connection.state}`} aria-hidden="true" />
      {connection.state === 'connecting' && <span>{t('status.connecting')}</span>}
      {connection.state === 'failed' && (
        <span>{t('status.disconnected', { message: describeError(i18n, connection.error) })}</span>
      )}
      {connection.state === 'connected' && (
        <>
          <span>{t('status.connected')}</span>
          <span data-testid="core-roundtrip">{t('status.roundTrip', { ms: connection.roundTripMs })}</span>
          <span>{t(`status.transport.${connection.info.transport}`)}</span>
          <RunningJobs />
          <span className="spacer" />
          <button
            type="button"
            className="link"
            data-testid="shortcuts-button"
            aria-haspopup="dialog"
            title={t('shortcuts.open')}
            onClick={() => openShortcuts(true)}
          >
            {t('shortcuts.button')}
          </button>
          <span>{t('status.version', { version: connection.info.version })}</span>
        </>
      )}
    </footer>
  );
}
