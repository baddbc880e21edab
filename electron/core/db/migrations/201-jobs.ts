// Jobs migration 201: the persistent queue (jobs/store.ts) and the inputs of an edit, kept as blobs.
// The state names in the CHECK are frozen here as they were written: a new state needs a migration.
import type { Migration } from '../migrate';

export const jobsMigration: Migration = {
  id: 201,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        batch_id TEXT,
        provider_id TEXT NOT NULL,
        model TEXT NOT NULL,
        protocol TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('generate', 'edit')),
        status TEXT NOT NULL CHECK (status IN ('queued', 'submitted', 'running', 'downloading', 'done', 'failed', 'cancelled')),
        prompt TEXT NOT NULL,
        params TEXT NOT NULL,
        remote TEXT,
        progress TEXT,
        result TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error TEXT,
        image_ids TEXT NOT NULL DEFAULT '[]',
        parent_id TEXT,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        owner TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX jobs_status ON jobs(status, created_at);
      CREATE INDEX jobs_batch ON jobs(batch_id);
      CREATE TABLE job_inputs (
        job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('image', 'mask')),
        position INTEGER NOT NULL,
        mime_type TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (job_id, role, position)
      ) STRICT;
    `);
  },
};
