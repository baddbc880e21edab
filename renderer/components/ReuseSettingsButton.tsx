import { useTranslation } from 'react-i18next';
import { useGenerate } from '../stores/generate';
import type { ReusedSettings } from '../stores/reuse';
import { useShell } from '../stores/shell';

/** "Reuse settings": fills the Generate form with what made an image or a job, and goes there. */
export function ReuseSettingsButton({ settings }: { settings: () => ReusedSettings }) {
  const { t } = useTranslation();
  const reuse = useGenerate((state) => state.reuse);
  const setView = useShell((state) => state.setView);
  return (
    <button
      type="button"
      data-testid="reuse-settings"
      title={t('generate.reuseHint')}
      onClick={() => {
        reuse(settings());
        setView('generate');
      }}
    >
      {t('generate.reuse')}
    </button>
  );
}
