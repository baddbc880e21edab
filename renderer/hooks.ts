import { useEffect } from 'react';
import { changeLanguage, systemLanguage } from './i18n';
import { useSettings } from './stores/settings';
import { pressed } from './shortcuts';
import { useShell, views } from './stores/shell';
import { isTyping } from './views/editor/keys';

/** Applies the theme preference, following the OS live while it is "system". */
export function useThemeEffect(): void {
  const theme = useSettings((state) => state.theme);
  useEffect(() => {
    const query = matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (query.matches ? 'dark' : 'light') : theme;
    };
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}

export function useLanguageEffect(): void {
  const language = useSettings((state) => state.language);
  useEffect(() => {
    void changeLanguage(language === 'system' ? systemLanguage() : language);
  }, [language]);
}

/** Ctrl/⌘+1…4 switch views, as in every tabbed desktop app. */
export function useViewShortcuts(): void {
  const setView = useShell((state) => state.setView);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const index = Number(event.key) - 1;
      const view = views[index];
      if (view) {
        event.preventDefault();
        setView(view);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView]);
}

/** ? opens the list of the current view's keys, wherever the focus is, unless it is typing text. */
export function useShortcutOverlayKey(): void {
  const setOpen = useShell((state) => state.setShortcutsOpen);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.defaultPrevented || !pressed(event, 'global', 'showShortcuts')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);
}
