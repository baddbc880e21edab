// Jobs migration 203: the state `interrupted` (a synchronous call sent and never answered before the process ended;
// it may have been charged, so it is not sent again without the user's word). SQLite cannot alter a CHECK, so both
// job tables are rebuilt; job_inputs first, as dropping jobs with foreign keys on would cascade into it.
import type { Migration } from '../migrate';

export const jobsInterruptedMigration: Migration = {
  id: 203,
  name: 'jobs-interrupted',
  up(db) {
    db.exec(`
      CREATE TEMP TABLE job_inputs_copy AS SELECT * FROM job_inputs;
      CREATE TEMP TABLE jobs_copy AS SELECT * FROM jobs;
      DROP TABLE job_inputs;
      DROP TABLE jobs;
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        batch_id TEXT,
        provider_id TEXT NOT NULL,
        model TEXT NOT NULL,
        protocol TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('generate', 'edit')),
        status TEXT NOT NULL CHECK (status IN ('queued', 'submitted', 'running', 'downloading', 'done', 'failed', 'cancelled', 'interrupted')),
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
      CREATE INDEX jobs_owner ON jobs(owner);
      CREATE TABLE job_inputs (
        job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('image', 'mask')),
        position INTEGER NOT NULL,
        mime_type TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (job_id, role, position)
      ) STRICT;
      INSERT INTO jobs SELECT * FROM jobs_copy ORDER BY rowid;
      INSERT INTO job_inputs SELECT * FROM job_inputs_copy;
      DROP TABLE temp.jobs_copy;
      DROP TABLE temp.job_inputs_copy;
    `);
  },
};
