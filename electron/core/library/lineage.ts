// An image's family tree as a user follows it: the images it was edited from, back to the first one,
// and the edits made from it. Parents stay listed when they are in the trash (they are still history);
// an edit in the trash is left out, as the gallery leaves it out. A parent deleted for good ends the
// chain (images.parent_id is set to NULL then).
import type { Lineage } from '../../../shared/contract/library';
import type { LibraryContext } from './context';
import { type ImageRow, imageColumns, toLibraryImage } from './image-row';
import { getImages } from './organise';
import { cached } from '../db/statement-cache';

/** Edits listed at most; `childCount` still says how many there are. */
export const maxLineageChildren = 60;
/** Far deeper than any editing session, and a stop should a damaged database ever hold a cycle. */
const maxLineageDepth = 200;

export function lineageOf(context: LibraryContext, id: string): Lineage {
  const { db, store } = context;
  // The image itself, or the library's usual not_found answer.
  const [image] = getImages(context, [id]);
  const ancestors = cached(
    db,
    `WITH RECURSIVE chain(id, depth) AS (
         SELECT parent_id, 1 FROM images WHERE id = @id AND parent_id IS NOT NULL
         UNION ALL
         SELECT p.parent_id, chain.depth + 1 FROM images p JOIN chain ON p.id = chain.id
         WHERE p.parent_id IS NOT NULL AND chain.depth < @maxDepth
       )
       SELECT ${imageColumns} FROM chain JOIN images i ON i.id = chain.id ORDER BY chain.depth DESC`,
  ).all({ id, maxDepth: maxLineageDepth }) as ImageRow[];
  const children = cached(
    db,
    `SELECT ${imageColumns} FROM images i WHERE i.parent_id = ? AND i.trashed_at IS NULL ORDER BY i.pk DESC LIMIT ?`,
  ).all(id, maxLineageChildren) as ImageRow[];
  const childCount = cached(db, 'SELECT count(*) FROM images WHERE parent_id = ? AND trashed_at IS NULL')
    .pluck()
    .get(id) as number;
  return {
    image: image!,
    ancestors: ancestors.map((row) => toLibraryImage(row, store)),
    children: children.map((row) => toLibraryImage(row, store)),
    childCount,
  };
}
