// Library migration 1: images with everything known about them, and tags.
import type { Migration } from '../migrate';

// images.pk is created_at × 1024 + a tie-breaker (see add-image.ts): rowid order is creation order,
// so "newest first" walks the table (and the FTS index, keyed by the same rowid) in order and stops
// after one page, where a separate date index would need a sort over every match.
const createImages = `
CREATE TABLE images (
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  format TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('generated', 'edited', 'imported')),
  provider TEXT,
  model TEXT,
  prompt TEXT,
  negative_prompt TEXT,
  params TEXT,
  seed INTEGER,
  cost_usd REAL,
  latency_ms INTEGER,
  parent_id TEXT REFERENCES images(id) ON DELETE SET NULL,
  job_id TEXT,
  original_name TEXT,
  favorite INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1)),
  rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  trashed_at INTEGER
);
CREATE INDEX images_sha256 ON images(sha256);
CREATE INDEX images_rating ON images(rating);
CREATE INDEX images_model ON images(model);
CREATE INDEX images_provider ON images(provider);
CREATE INDEX images_parent ON images(parent_id);
CREATE INDEX images_job ON images(job_id);
CREATE INDEX images_trashed ON images(trashed_at);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE image_tags (
  image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (image_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX image_tags_tag ON image_tags(tag_id, image_id);
`;

export const libraryImagesMigration: Migration = {
  id: 1,
  name: 'library: images and tags',
  up: (db) => db.exec(createImages),
};
