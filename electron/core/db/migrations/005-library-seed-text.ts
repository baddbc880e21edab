// Library migration 5: seeds too long for a number. ComfyUI and Fooocus seeds reach 2^64, which the
// INTEGER seed column (and a JavaScript number) cannot hold exactly; such a seed is kept as its digits
// in seed_text, and seed stays NULL. Rows before this have none, so nothing is moved.
import type { Migration } from '../migrate';

export const librarySeedTextMigration: Migration = {
  id: 5,
  name: 'library: seeds beyond 2^53 kept exactly as text',
  up: (db) => db.exec('ALTER TABLE images ADD COLUMN seed_text TEXT'),
};
