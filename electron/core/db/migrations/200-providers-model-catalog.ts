// Providers migration 200: the models a provider lists, cached (providers/catalog-cache.ts). It took
// the first id of the range meant for jobs before the ranges were written down; see index.ts.
import type { Migration } from '../migrate';

export const modelCatalogMigration: Migration = {
  id: 200,
  name: 'model catalog cache',
  up(db) {
    db.exec(`
      CREATE TABLE model_catalog_cache (
        provider_id TEXT PRIMARY KEY REFERENCES providers(id) ON DELETE CASCADE,
        fetched_at INTEGER NOT NULL,
        models TEXT NOT NULL
      ) STRICT;
    `);
  },
};
