// Library migration 2: a full-text index over prompt, tags and original file name that triggers keep
// in step with the rows (migration 3 replaced its text with a CJK-aware one).
import type { Migration } from '../migrate';

// A regular (content-storing) FTS5 table keyed by images.pk: tags live in another table, so an
// external-content index could not be rebuilt from the images row alone.
const createSearch = `
CREATE VIRTUAL TABLE images_fts USING fts5(prompt, tags, name, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
  INSERT INTO images_fts (rowid, prompt, tags, name)
  VALUES (new.pk, trim(coalesce(new.prompt, '') || ' ' || coalesce(new.negative_prompt, '')), '', coalesce(new.original_name, ''));
END;
CREATE TRIGGER images_fts_update AFTER UPDATE OF prompt, negative_prompt, original_name ON images BEGIN
  UPDATE images_fts
  SET prompt = trim(coalesce(new.prompt, '') || ' ' || coalesce(new.negative_prompt, '')), name = coalesce(new.original_name, '')
  WHERE rowid = new.pk;
END;
CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
  DELETE FROM images_fts WHERE rowid = old.pk;
END;
CREATE TRIGGER image_tags_fts_insert AFTER INSERT ON image_tags BEGIN
  UPDATE images_fts SET tags = (
    SELECT coalesce(group_concat(t.name, ' '), '') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = new.image_id
  ) WHERE rowid = (SELECT pk FROM images WHERE id = new.image_id);
END;
CREATE TRIGGER image_tags_fts_delete AFTER DELETE ON image_tags BEGIN
  UPDATE images_fts SET tags = (
    SELECT coalesce(group_concat(t.name, ' '), '') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = old.image_id
  ) WHERE rowid = (SELECT pk FROM images WHERE id = old.image_id);
END;
`;

export const librarySearchMigration: Migration = {
  id: 2,
  name: 'library: full-text search',
  up: (db) => db.exec(createSearch),
};
