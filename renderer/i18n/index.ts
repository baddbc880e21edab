import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';
import { type Language, languageFromTags } from '../../shared/languages';

export { supportedLanguages, type Language } from '../../shared/languages';

/** The OS language as the browser reports it, narrowed to the two we ship. */
export function systemLanguage(languages: readonly string[] = navigator.languages ?? [navigator.language]): Language {
  return languageFromTags(languages);
}

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
