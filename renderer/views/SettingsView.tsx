import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../components/ErrorBanner';
import { useSettings, type LanguagePreference, type ThemePreference } from '../stores/settings';
import { useShell } from '../stores/shell';
import { ProvidersSection } from './settings/ProvidersSection';
import { LibrarySection } from './settings/LibrarySection';
import { SpendSection } from './settings/SpendSection';
import { NotificationsSection } from './settings/NotificationsSection';

const themes: ThemePreference[] = ['system', 'light', 'dark'];
const languages: LanguagePreference[] = ['system', 'en', 'zh-CN'];

export function SettingsView() {
  const { t } = useTranslation();
  const { theme, language, setTheme, setLanguage } = useSettings();
  const connection = useShell((state) => state.connection);
  return (
    <section className="view settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <fieldset className="card">
        <legend>{t('settings.appearance')}</legend>
        <label>
          {t('settings.theme')}
          <select
            data-testid="settings-theme"
            value={theme}
            onChange={(event) => setTheme(event.target.value as ThemePreference)}
          >
            {themes.map((value) => (
              <option key={value} value={value}>
                {t(`settings.themes.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.language')}
          <select
            data-testid="settings-language"
            value={language}
            onChange={(event) => setLanguage(event.target.value as LanguagePreference)}
          >
            {languages.map((value) => (
              <option key={value} value={value}>
                {t(`settings.languages.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <ProvidersSection />
      <SpendSection />
      <NotificationsSection />
      <LibrarySection />
      {connection.state === 'connected' && (
        <fieldset className="card">
          <legend>{t('settings.about')}</legend>
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd data-testid="about-version">{connection.info.version}</dd>
            <dt>{t('settings.library')}</dt>
            <dd>
              <span data-testid="about-library">{connection.info.libraryDir}</span>
              <LibraryChooser canChoose={connection.info.canChooseLibrary} />
            </dd>
            <dt>{t('settings.transport')}</dt>
            <dd>{t(`status.transport.${connection.info.transport}`)}</dd>
          </dl>
        </fieldset>
      )}
    </section>
  );
}

/** Desktop: a folder dialog, then the app restarts onto the new library. Browser: how to start on another one. */
function LibraryChooser({ canChoose }: { canChoose: boolean }) {
  const { t } = useTranslation();
  const restarting = useShell((state) => state.restarting);
  const error = useShell((state) => state.error);
  const chooseLibrary = useShell((state) => state.chooseLibrary);
  const dismissError = useShell((state) => state.dismissError);
  if (!canChoose) return <p className="muted hint">{t('settings.libraryHint')}</p>;
  return (
    <>
      <button type="button" data-testid="library-change" onClick={chooseLibrary}>
        {t('settings.libraryChange')}
      </button>
      {restarting && <p role="status">{t('settings.libraryRestarting')}</p>}
      {error && <ErrorBanner error={error} onDismiss={dismissError} testId="library-error" />}
    </>
  );
}
