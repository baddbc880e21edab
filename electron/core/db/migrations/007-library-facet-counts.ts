// Library migration 7: the counts the gallery's filter menus offer ("flux-pro (1,234)"), fast at 100,000
// images. Counting them at each ask means reading 100,000 index entries per menu (about 300 ms for the five on
// the bench's library, and the gallery asks again after every change); instead the counts are kept as the
// rows change, by triggers, in two small tables read by key:
//   facet_counts(facet, value, count)  images not in the trash, per model, provider, source, rating, favourite
//   tag_counts(tag_id, count)          images not in the trash, per tag
// A row leaves the counts when it is trashed or deleted and comes back when restored. Rows at 0 stay (read as
// absent). Self-contained: the SQL is written out here for good.
import type { Migration } from '../migrate';

/** The counted columns of images (the facet name is the column's). */
const columns = ['model', 'provider', 'source', 'rating', 'favorite'] as const;

/** Statements adding `sign` to the count of each counted value of `row` (new or old), if that row is shown. */
function countRow(row: 'new' | 'old', sign: '+' | '-'): string {
  const live = `${row}.trashed_at IS NULL`;
  return columns
    .map(
      (column) => `
  INSERT OR IGNORE INTO facet_counts (facet, value, count)
    SELECT '${column}', ${row}.${column}, 0 WHERE ${row}.${column} IS NOT NULL AND ${live};
  UPDATE facet_counts SET count = count ${sign} 1
    WHERE facet = '${column}' AND value = ${row}.${column} AND ${live};`,
    )
    .join('');
}

const createCounts = `
CREATE TABLE facet_counts (
  facet TEXT NOT NULL,
  -- No declared type, so no affinity: a model named "1024" stays text, a rating stays a number.
  value NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (facet, value)
) WITHOUT ROWID;
CREATE TABLE tag_counts (
  tag_id INTEGER PRIMARY KEY REFERENCES tags(id) ON DELETE CASCADE,
  count INTEGER NOT NULL
);

INSERT INTO facet_counts (facet, value, count)
${columns.map((column) => `  SELECT '${column}', ${column}, count(*) FROM images WHERE ${column} IS NOT NULL AND trashed_at IS NULL GROUP BY ${column}`).join('\n  UNION ALL\n')};
INSERT INTO tag_counts (tag_id, count)
  SELECT t.id, (SELECT count(*) FROM image_tags it JOIN images i ON i.id = it.image_id
                WHERE it.tag_id = t.id AND i.trashed_at IS NULL) FROM tags t;

CREATE TRIGGER facet_counts_insert AFTER INSERT ON images BEGIN${countRow('new', '+')}
END;
-- Before the row goes: its tags are still linked (the cascade unlinks them after, when the row no longer counts).
CREATE TRIGGER facet_counts_delete BEFORE DELETE ON images BEGIN${countRow('old', '-')}
  UPDATE tag_counts SET count = count - 1
    WHERE old.trashed_at IS NULL AND tag_id IN (SELECT tag_id FROM image_tags WHERE image_id = old.id);
END;
CREATE TRIGGER facet_counts_update AFTER UPDATE OF ${columns.join(', ')}, trashed_at ON images BEGIN${countRow('old', '-')}${countRow('new', '+')}
END;
CREATE TRIGGER facet_counts_trash AFTER UPDATE OF trashed_at ON images
  WHEN (old.trashed_at IS NULL) <> (new.trashed_at IS NULL) BEGIN
  UPDATE tag_counts SET count = count + (CASE WHEN new.trashed_at IS NULL THEN 1 ELSE -1 END)
    WHERE tag_id IN (SELECT tag_id FROM image_tags WHERE image_id = new.id);
END;

CREATE TRIGGER tag_counts_new_tag AFTER INSERT ON tags BEGIN
  INSERT INTO tag_counts (tag_id, count) VALUES (new.id, 0);
END;
CREATE TRIGGER tag_counts_link AFTER INSERT ON image_tags BEGIN
  UPDATE tag_counts SET count = count + 1
    WHERE tag_id = new.tag_id AND EXISTS (SELECT 1 FROM images WHERE id = new.image_id AND trashed_at IS NULL);
END;
CREATE TRIGGER tag_counts_unlink AFTER DELETE ON image_tags BEGIN
  UPDATE tag_counts SET count = count - 1
    WHERE tag_id = old.tag_id AND EXISTS (SELECT 1 FROM images WHERE id = old.image_id AND trashed_at IS NULL);
END;
`;

export const libraryFacetCountsMigration: Migration = {
  id: 7,
  name: 'library: the filter menus’ counts, kept by triggers',
  up: (db) => db.exec(createCounts),
};
