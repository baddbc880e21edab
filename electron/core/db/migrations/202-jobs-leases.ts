// Jobs migration 202: an engine's lease on the jobs it runs (jobs/lease.ts), renewed while it is open, replacing
// the host:pid owner that a zombie or a reused pid kept "alive". Old owners have no lease, so their jobs are free.
import type { Migration } from '../migrate';

export const jobsLeasesMigration: Migration = {
  id: 202,
  name: 'jobs-leases',
  up(db) {
    db.exec(`
      CREATE TABLE job_leases (
        owner TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX jobs_owner ON jobs(owner);
    `);
  },
};
