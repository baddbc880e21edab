// Library migration 3: Chinese, Japanese and Korean become searchable anywhere in a prompt, tag or
// file name. The index now stores its text through atelier_search_text (see library/search-text.ts),
// so the triggers are replaced and the index is rebuilt from the rows an existing library already has.
import { registerSearchText, searchTextFunction as f } from '../../library/search-text';
import type { Migration } from '../migrate';

export const tagsOf = (imageId: string) =>
  `(SELECT coalesce(group_concat(t.name, ' '), '') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = ${imageId})`;
export const promptOf = (row: string) =>
  `${f}(coalesce(${row}.prompt, '') || ' ' || coalesce(${row}.negative_prompt, ''))`;

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

export const cjkSearchMigration: Migration = {
  id: 3,
  name: 'library: Chinese, Japanese and Korean full-text search',
  up: (db) => db.exec(rebuild),
  // The triggers call the function, so every connection that writes images needs it, not just this one.
  connect: registerSearchText,
};
