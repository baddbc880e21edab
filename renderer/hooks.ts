import i18next from 'i18next';
import { useEffect } from 'react';
import { changeLanguage, systemLanguage } from './i18n';
import { numberFormat } from './i18n/format';
import { warmGallery } from './stores/gallery';
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

/**
 * Once connected, the gallery's first page is fetched (and, when the app is idle, the number formats its menus use
 * are made), so opening the gallery draws its tiles at once instead of after a query (bench/gallery-ui.ts). It
 * reloads when it opens, so nothing shown stays stale.
 */
export function useGalleryWarmUp(): void {
  const connected = useShell((state) => state.connection.state === 'connected');
  useEffect(() => {
    if (!connected) return;
    // Asked at once: one page query is a few milliseconds of the core's time, and a user may open the gallery first.
    void warmGallery();
    // The menus' counts need the language's number data, which the first formatter of a page loads.
    const idle = requestIdleCallback(() => numberFormat(i18next.language), { timeout: 1000 });
    return () => cancelIdleCallback(idle);
  }, [connected]);
}
