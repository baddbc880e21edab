// The two languages Atelier ships, and how an OS or browser language tag maps onto them: the page (navigator
// languages) and the desktop shell's native dialogs (Electron's app.getLocale()) pick alike.
export const supportedLanguages = ['en', 'zh-CN'] as const;
export type Language = (typeof supportedLanguages)[number];

/** The first tag we ship a language for (any Chinese tag → zh-CN); English otherwise. */
export function languageFromTags(tags: readonly string[]): Language {
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
