// Library migration 6: the gallery's "most expensive first" order. The expression is the one
// library/query.ts sorts by (an unpriced image as -1, below a free one), written out here for good, so a
// page by cost is an index walk at any library size, like the rating order's.
import type { Migration } from '../migrate';

export const libraryCostOrderMigration: Migration = {
  id: 6,
  name: 'library: an index for the order by cost',
  up: (db) => db.exec('CREATE INDEX images_cost ON images(coalesce(cost_usd, -1))'),
};
