import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { gestures, keyLabel, shortcuts, type Shortcut } from '../shortcuts';
import { useShell } from '../stores/shell';

const focusable = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The keys of the current view, then those that work everywhere, from the one declaration in shortcuts.ts.
 * A modal dialog: Tab stays inside, Esc closes, the focus goes back where it was.
 */
export function ShortcutOverlay() {
  const { t } = useTranslation();
  const view = useShell((state) => state.view);
  const setOpen = useShell((state) => state.setShortcutsOpen);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => before?.focus();
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    // The view's own shortcuts (listening on the window) must not act behind the dialog.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
    } else if (event.key === 'Tab') {
      const items = [...(dialog.current?.querySelectorAll<HTMLElement>(focusable) ?? [])];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const label = (combination: string) =>
    keyLabel(combination).map((part, index) => (
      <kbd key={index}>{(gestures as readonly string[]).includes(part) ? t(`shortcuts.gesture.${part}`) : part}</kbd>
    ));
  const section = (scope: 'global' | typeof view, list: readonly Shortcut[]) =>
    list.length > 0 && (
      <section key={scope} aria-labelledby={`shortcuts-${scope}`}>
        <h3 id={`shortcuts-${scope}`}>{t(`shortcuts.scope.${scope}`)}</h3>
        <dl className="shortcut-list">
          {list.map((shortcut) => (
            <div key={shortcut.does} className="shortcut" data-testid="shortcut-row" data-does={shortcut.does}>
              <dt>
                {shortcut.keys.map((combination, index) => (
                  <span key={combination}>
                    {index > 0 && <span className="muted"> {t('shortcuts.or')} </span>}
                    {label(combination)}
                  </span>
                ))}
              </dt>
              <dd>{t(`shortcuts.do.${shortcut.does}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    );

  return (
    <div className="dialog-backdrop" onClick={() => setOpen(false)}>
      <div
        ref={dialog}
        className="dialog shortcut-overlay"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcut-overlay"
        onKeyDown={onKeyDown}
        onClick={(event) => event.stopPropagation()}
      >
        <header>
          <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
          <button type="button" data-testid="shortcut-overlay-close" data-autofocus onClick={() => setOpen(false)}>
            {t('shortcuts.close')}
          </button>
        </header>
        <div className="shortcut-sections">
          {section(view, shortcuts[view])}
          {section('global', shortcuts.global)}
        </div>
      </div>
    </div>
  );
}
