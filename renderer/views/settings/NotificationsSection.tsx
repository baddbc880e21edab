// Settings → Notifications: a desktop notification when a job ends while Atelier is in the background.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useJobNotifications } from '../../stores/job-notifications';

export function NotificationsSection() {
  const { t } = useTranslation();
  const { enabled, permission, setEnabled, refresh } = useJobNotifications();
  useEffect(refresh, [refresh]);
  return (
    <fieldset className="card" data-testid="notifications-settings">
      <legend>{t('settings.notifications')}</legend>
      <label className="plain">
        <input
          type="checkbox"
          data-testid="notify-toggle"
          checked={enabled}
          disabled={permission === 'unavailable'}
          onChange={(event) => void setEnabled(event.target.checked)}
        />{' '}
        {t('settings.notifyWhenHidden')}
      </label>
      {permission === 'denied' && (
        <p className="notice" role="status" data-testid="notify-denied">
          {t('settings.notifyDenied')}
        </p>
      )}
      {permission === 'unavailable' && <p className="muted">{t('settings.notifyUnavailable')}</p>}
    </fieldset>
  );
}
