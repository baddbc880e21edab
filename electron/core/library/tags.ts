// Tags are case-insensitive names shared by images; a tag no image uses any more is dropped so the
// filter menu only offers tags that find something.
import type { Db } from '../db/open';
import { cached } from '../db/statement-cache';

function normaliseTag(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Adds then removes tags on every listed image, inside the caller's transaction if there is one. */
export function setTags(db: Db, ids: string[], add: string[], remove: string[]): void {
  const upsertTag = cached(
    db,
    'INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = name RETURNING id',
  );
  const link = cached(db, 'INSERT OR IGNORE INTO image_tags (image_id, tag_id) VALUES (?, ?)');
  const unlink = cached(
    db,
    'DELETE FROM image_tags WHERE image_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)',
  );
  db.transaction(() => {
    for (const raw of add) {
      const name = normaliseTag(raw);
      if (!name) continue;
      const { id: tagId } = upsertTag.get(name) as { id: number };
      for (const id of ids) link.run(id, tagId);
    }
    for (const raw of remove) {
      const name = normaliseTag(raw);
      for (const id of ids) unlink.run(id, name);
    }
    dropUnusedTags(db);
  })();
}

export function dropUnusedTags(db: Db): void {
  cached(db, 'DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM image_tags it WHERE it.tag_id = tags.id)').run();
}
