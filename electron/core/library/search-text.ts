// Chinese, Japanese and Korean in the full-text index. SQLite's unicode61 tokenizer splits on spaces
// and punctuation only, so an unspaced run of CJK would be one long token and `山水` could not find
// `一幅山水画`. The index therefore stores CJK text with a space around every CJK character (each
// becomes a token of its own) and a CJK query becomes a phrase of its characters: a phrase match on
// single-character tokens is exactly a substring match, at any position and for any length, while
// Latin words keep their word-prefix behaviour. Index and query go through the same function.
import type { Db } from '../db/open';

// Han (with 々 and 〻), kana, Hangul, and the long-vowel marks ー/ｰ, which are "Common" script but
// belong to kana words.
const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]/gu;
const endsWithCjk =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70][^\p{L}\p{N}]*$/u;
const hasWordCharacter = /[\p{L}\p{N}]/u;

/** The SQL function the index triggers call; createLibrary registers it on its connection. */
const searchTextFunction = 'atelier_search_text';

// Katakana ァ–ヶ and the iteration marks ヽヾ sit 0x60 above their hiragana (half-width ｦ–ﾝ become
// them under NFKC, which runs first).
const katakana = /[\u30A1-\u30F6\u30FD\u30FE]/g;

/**
 * The text as the index stores it: NFKC (full-width Ｌａｔｉｎ and half-width ｶﾅ typed by CJK input
 * methods fold to their usual forms), katakana folded to hiragana (a reader searching ねこ means ネコ
 * too, as Japanese search does), and every CJK character set apart by spaces.
 */
export function toSearchText(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFKC')
    .replace(katakana, (character) => String.fromCharCode(character.charCodeAt(0) - 0x60))
    .replace(cjkCharacter, ' $& ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One typed word as an FTS5 string: a quoted phrase of its tokens, so characters FTS5 would read as
 * syntax (`*`, `-`, `(`, `AND`, `:`) are plain text. The last token is a prefix when it is a Latin
 * (or other spaced-script) word; a CJK character is a whole token already. Null when nothing in it
 * would make a token.
 */
export function toMatchPhrase(word: string): string | null {
  const text = toSearchText(word).replace(/"/g, '');
  if (!hasWordCharacter.test(text)) return null;
  return `"${text}"${endsWithCjk.test(text) ? '' : '*'}`;
}

/**
 * Makes toSearchText callable from SQL on this connection: the index triggers (migration 3) call it on
 * every write. A migration that changes the folding re-indexes with its own frozen copy of it.
 */
export function registerSearchText(db: Db): void {
  db.function(searchTextFunction, { deterministic: true }, (text: unknown) =>
    toSearchText(typeof text === 'string' ? text : null),
  );
}
