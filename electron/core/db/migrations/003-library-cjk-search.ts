// Library migration 3: Chinese, Japanese and Korean become searchable anywhere in a prompt, tag or
// file name. The index now stores its text through the SQL function atelier_search_text, so the
// triggers are replaced and the index is rebuilt from the rows an existing library already has.
//
// Frozen on purpose: the folding below is a copy of library/search-text.ts's toSearchText as this
// migration has run it since kana folding came in (migration 4), never an import of the live one, so
// this migration means the same thing whatever search-text.ts becomes. It is registered for the
// rebuild only; from then on the triggers call the function the library registers on its connection.
import type { Migration } from '../migrate';

const f = 'atelier_search_text';

const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]/gu;
const katakana = /[\u30A1-\u30F6\u30FD\u30FE]/g;

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

// A fresh table rather than updating every row of the old one: no deleted-row leftovers to merge.
const rebuild = `
DROP TRIGGER images_fts_insert;
DROP TRIGGER images_fts_update;
DROP TRIGGER images_fts_delete;
DROP TRIGGER image_tags_fts_insert;
DROP TRIGGER image_tags_fts_delete;
DROP TABLE images_fts;
CREATE VIRTUAL TABLE images_fts USING fts5(prompt, tags, name, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO images_fts (rowid, prompt, tags, name)
  SELECT i.pk, ${promptOf('i')}, ${f}(${tagsOf('i.id')}), ${f}(i.original_name) FROM images i;
INSERT INTO images_fts (images_fts) VALUES ('optimize');

CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
  INSERT INTO images_fts (rowid, prompt, tags, name) VALUES (new.pk, ${promptOf('new')}, '', ${f}(new.original_name));
END;
CREATE TRIGGER images_fts_update AFTER UPDATE OF prompt, negative_prompt, original_name ON images BEGIN
  UPDATE images_fts SET prompt = ${promptOf('new')}, name = ${f}(new.original_name) WHERE rowid = new.pk;
END;
CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
  DELETE FROM images_fts WHERE rowid = old.pk;
END;
CREATE TRIGGER image_tags_fts_insert AFTER INSERT ON image_tags BEGIN
  UPDATE images_fts SET tags = ${f}(${tagsOf('new.image_id')}) WHERE rowid = (SELECT pk FROM images WHERE id = new.image_id);
END;
CREATE TRIGGER image_tags_fts_delete AFTER DELETE ON image_tags BEGIN
  UPDATE images_fts SET tags = ${f}(${tagsOf('old.image_id')}) WHERE rowid = (SELECT pk FROM images WHERE id = old.image_id);
END;
`;

export const libraryCjkSearchMigration: Migration = {
  id: 3,
  name: 'library: Chinese, Japanese and Korean full-text search',
  up(db) {
    db.function(f, { deterministic: true }, (text: unknown) => searchText(typeof text === 'string' ? text : null));
    db.exec(rebuild);
  },
};
