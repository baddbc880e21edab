// Providers migration 101: a provider's own request time-out (issue 11, point 3), NULL = its preset's.
import type { Migration } from '../migrate';

export const providersRequestTimeoutMigration: Migration = {
  id: 101,
  name: 'providers request time-out',
  up(db) {
    db.exec('ALTER TABLE providers ADD COLUMN request_timeout_ms INTEGER');
  },
};
