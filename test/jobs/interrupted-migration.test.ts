// Migration 203 rebuilds the job tables for the `interrupted` state: every job and every input blob survives.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityCheck, openDatabase } from '../../electron/core/db/open';
import { migrations } from '../../electron/core/db/migrations';

describe('migration 203 (jobs-interrupted)', () => {
  it('keeps every job and its input files, and takes the interrupted state', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atelier-203-')), 'atelier.db');
    const old = openDatabase(file, { migrations: migrations.filter((migration) => migration.id < 203) });
    old
      .prepare(
        `INSERT INTO jobs (id, provider_id, model, protocol, kind, status, prompt, params, owner, created_at, updated_at)
         VALUES ('job_a', 'qr', 'gpt-image-1', 'openai-images', 'edit', 'submitted', 'p', '{}', 'host:1:ab', 1, 2)`,
      )
      .run();
    old
      .prepare(
        "INSERT INTO job_inputs (job_id, role, position, mime_type, bytes) VALUES ('job_a', 'mask', 0, 'image/png', ?)",
      )
      .run(Buffer.from([1, 2, 3]));
    old.close();

    const db = openDatabase(file, { migrations });
    expect(db.prepare('SELECT id, status, owner, updated_at FROM jobs').all()).toEqual([
      { id: 'job_a', status: 'submitted', owner: 'host:1:ab', updated_at: 2 },
    ]);
    expect(db.prepare('SELECT bytes FROM job_inputs').pluck().get()).toEqual(Buffer.from([1, 2, 3]));
    db.prepare("UPDATE jobs SET status = 'interrupted' WHERE id = 'job_a'").run();
    expect(() => db.prepare("UPDATE jobs SET status = 'lost' WHERE id = 'job_a'").run()).toThrow(/CHECK/);
    // The inputs still belong to their job: deleting it deletes them.
    db.prepare("DELETE FROM jobs WHERE id = 'job_a'").run();
    expect(db.prepare('SELECT count(*) FROM job_inputs').pluck().get()).toBe(0);
    expect(integrityCheck(db)).toEqual([]);
    db.close();
  });
});
