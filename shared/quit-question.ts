// What Atelier asks before a quit would lose paid calls in flight (issue 11, point 4), in both languages. One
// wording for the desktop app's native dialog (electron/main.ts), the browser UI's dialog (renderer i18n `quit.*`)
// and nothing else: the CLI words its Ctrl+C warning for a terminal (cli/paid-calls-warning.ts).
import type { Language } from './languages';

export const quitQuestion = {
  en: {
    title_one: '1 generation is running.',
    title_other: '{{count}} generations are running.',
    detail: 'Quit anyway? They may still be charged, and their images would be lost.',
    keep: 'Keep running',
    quit: 'Quit anyway',
  },
  'zh-CN': {
    title_one: '有 1 个生成正在进行。',
    title_other: '有 {{count}} 个生成正在进行。',
    detail: '仍要退出吗？它们可能仍会被计费，而生成的图像将会丢失。',
    keep: '继续运行',
    quit: '仍要退出',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** The question for `count` paid calls, in `language` (the OS's, for the desktop app's native dialog). */
export function quitQuestionFor(count: number, language: Language) {
  const text = quitQuestion[language];
  const title = (count === 1 ? text.title_one : text.title_other).replace('{{count}}', String(count));
  return { title, detail: text.detail, keep: text.keep, quit: text.quit };
}
