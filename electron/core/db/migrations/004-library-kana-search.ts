// Library migration 4: katakana and hiragana find each other (ネコ ↔ ねこ). The index text now folds
// katakana to hiragana, so rows indexed before hold katakana the folded query no longer matches: those
// rows, and only those, are indexed again.
//
// Frozen on purpose: the kana test and the folding are copies of library/search-text.ts as they were
// when this migration was written, never imports of the live ones, so it means the same thing forever.
import type { Migration } from '../migrate';

const f = 'atelier_search_text';
const needsFolding = 'atelier_has_katakana';

const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]/gu;
// Katakana ァ–ヶ and the iteration marks ヽヾ sit 0x60 above their hiragana; half-width ｦ–ﾝ become
// them under NFKC.
const katakana = /[\u30A1-\u30F6\u30FD\u30FE]/g;
const anyKatakana = /[\u30A1-\u30F6\u30FD\u30FE\uFF66-\uFF9D]/;

function searchText(text: string | null): string {
  if (!text) return '';
  return text
    .normalize('NFKC')
    .replace(katakana, (character) => String.fromCharCode(character.charCodeAt(0) - 0x60))
    .replace(cjkCharacter, ' $& ')
    .replace(/\s+/g, ' ')
    .trim();
}

const tagsOf = (imageId: string) =>
  `(SELECT coalesce(group_concat(t.name, ' '), '') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = ${imageId})`;
const promptOf = (row: string) => `${f}(coalesce(${row}.prompt, '') || ' ' || coalesce(${row}.negative_prompt, ''))`;
const tagNames = (imageId: string) =>
  `(SELECT group_concat(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = ${imageId})`;
const affected = `SELECT i.pk FROM images i WHERE ${needsFolding}(i.prompt) OR ${needsFolding}(i.negative_prompt) OR ${needsFolding}(i.original_name) OR ${needsFolding}(${tagNames('i.id')})`;

export const libraryKanaSearchMigration: Migration = {
  id: 4,
  name: 'library: katakana and hiragana find each other in search',
  up(db) {
    db.function(f, { deterministic: true }, (text: unknown) => searchText(typeof text === 'string' ? text : null));
    db.function(needsFolding, { deterministic: true }, (text: unknown) =>
      typeof text === 'string' && anyKatakana.test(text) ? 1 : 0,
    );
    db.exec(`
      CREATE TEMP TABLE kana_rows AS ${affected};
      DELETE FROM images_fts WHERE rowid IN (SELECT pk FROM kana_rows);
      INSERT INTO images_fts (rowid, prompt, tags, name)
        SELECT i.pk, ${promptOf('i')}, ${f}(${tagsOf('i.id')}), ${f}(i.original_name) FROM images i WHERE i.pk IN (SELECT pk FROM kana_rows);
      DROP TABLE kana_rows;
    `);
  },
};
