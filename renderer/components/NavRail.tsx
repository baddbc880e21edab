import { useTranslation } from 'react-i18next';
import { useShell, views, type View } from '../stores/shell';

const icons: Record<View, string> = { generate: '✦', gallery: '▦', editor: '✎', settings: '⚙' };
const modifier = /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

export function NavRail() {
  const { t } = useTranslation();
  const view = useShell((state) => state.view);
  const setView = useShell((state) => state.setView);
  return (
    <nav className="nav-rail" aria-label="Atelier">
      <div className="brand" aria-hidden="true">
        A
      </div>
      {views.map((name, index) => (
        <button
          key={name}
          type="button"
          data-testid={`nav-${name}`}
          className={name === view ? 'active' : undefined}
          aria-current={name === view ? 'page' : undefined}
          title={t('nav.shortcut', { keys: `${modifier}${index + 1}` })}
          onClick={() => setView(name)}
        >
          <span className="icon" aria-hidden="true">
            {icons[name]}
          </span>
          <span className="label">{t(`nav.${name}`)}</span>
        </button>
      ))}
    </nav>
  );
}
