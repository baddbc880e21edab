import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Language } from '../i18n';

export type ThemePreference = 'system' | 'light' | 'dark';
export type LanguagePreference = 'system' | Language;

interface SettingsState {
  theme: ThemePreference;
  language: LanguagePreference;
  setTheme(theme: ThemePreference): void;
  setLanguage(language: LanguagePreference): void;
}

/** Appearance preferences belong to this window, not to the library: kept in the page's own storage. */
export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      theme: 'system',
      language: 'system',
      setTheme: (theme) => set({ theme }),
      setLanguage: (language) => set({ language }),
    }),
    { name: 'atelier.settings', version: 1 },
  ),
);
