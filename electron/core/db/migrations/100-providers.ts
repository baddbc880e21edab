// Providers migration 100: the providers a user has configured (providers/registry.ts). The built-in
// `local` provider is created here, so it exists from the first open.
import type { Migration } from '../migrate';

export const providersMigration: Migration = {
  id: 100,
  name: 'providers',
  up(db) {
    db.exec(`
      CREATE TABLE providers (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        preset TEXT NOT NULL,
        base_url TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO providers (id, label, preset, base_url, created_at) VALUES ('local', 'Local (offline)', 'local', NULL, 0);
    `);
  },
};
