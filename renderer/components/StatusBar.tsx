import { useTranslation } from 'react-i18next';
import { useShell } from '../stores/shell';

export function StatusBar() {
  const { t } = useTranslation();
  const connection = useShell((state) => state.connection);
  return (
    <footer className="status-bar" data-testid="core-status" data-state={connection.state}>
      <span className={`dot ${connection.state}`} aria-hidden="true" />
      {connection.state === 'connecting' && <span>{t('status.connecting')}</span>}
      {connection.state === 'failed' && <span>{t('status.disconnected', { message: connection.message })}</span>}
      {connection.state === 'connected' && (
        <>
          <span>{t('status.connected')}</span>
          <span data-testid="core-roundtrip">{t('status.roundTrip', { ms: connection.roundTripMs })}</span>
          <span>{t(`status.transport.${connection.info.transport}`)}</span>
          <span className="spacer" />
          <span>{t('status.version', { version: connection.info.version })}</span>
        </>
      )}
    </footer>
  );
}
