// Library migration 4: katakana and hiragana find each other (ネコ ↔ ねこ). The index text now folds
// katakana to hiragana (library/search-text.ts), so rows indexed before hold katakana the folded query
// no longer matches: those rows, and only those, are indexed again.
import { hasKatakana, searchTextFunction as f } from '../../library/search-text';
import type { Migration } from '../migrate';
import { promptOf, tagsOf } from './library-cjk-search';

const needsFolding = 'atelier_has_katakana';
const tagNames = (imageId: string) =>
  `(SELECT group_concat(t.name, ' ') FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = ${imageId})`;
const affected = `SELECT i.pk FROM images i WHERE ${needsFolding}(i.prompt) OR ${needsFolding}(i.negative_prompt) OR ${needsFolding}(i.original_name) OR ${needsFolding}(${tagNames('i.id')})`;

export const kanaSearchMigration: Migration = {
  id: 4,
  name: 'library: katakana and hiragana find each other in search',
  up(db) {
    db.function(needsFolding, { deterministic: true }, (text: unknown) =>
      hasKatakana(typeof text === 'string' ? text : null) ? 1 : 0,
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
