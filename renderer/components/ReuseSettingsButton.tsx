import { useTranslation } from 'react-i18next';
import { useGenerate } from '../stores/generate';
import type { ReusedSettings } from '../stores/reuse';
import { useShell } from '../stores/shell';

/** "Reuse settings": fills the Generate form with what made an image or a job, and goes there. */
export function ReuseSettingsButton({
  settings,
  testId = 'reuse-settings',
}: {
  settings: () => ReusedSettings;
  testId?: string;
}) {
  const { t } = useTranslation();
  const reuse = useGenerate((state) => state.reuse);
  const setView = useShell((state) => state.setView);
  return (
    <button
      type="button"
      data-testid={testId}
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
