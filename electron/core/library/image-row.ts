// One images row and its public shape. The tags come along in the same statement (a correlated
// subquery) so a gallery page is a single query.
import type { ImageFormat, ImageSource, LibraryImage } from '../../../shared/contract/library';
import type { FileStore } from './file-store';

export interface ImageRow {
  pk: number;
  id: string;
  sha256: string;
  path: string;
  width: number;
  height: number;
  format: ImageFormat;
  bytes: number;
  created_at: number;
  source: ImageSource;
  provider: string | null;
  model: string | null;
  prompt: string | null;
  negative_prompt: string | null;
  params: string | null;
  seed: number | null;
  /** A seed no number holds exactly, as its digits (migration 5). */
  seed_text: string | null;
  cost_usd: number | null;
  latency_ms: number | null;
  parent_id: string | null;
  job_id: string | null;
  original_name: string | null;
  favorite: number;
  rating: number;
  trashed_at: number | null;
  tag_list: string | null;
}

/** Tag names joined by a control character that a tag name can never hold. */
const tagSeparator = '\u001f';

export const imageColumns = `i.*, (SELECT group_concat(t.name, char(31)) FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = i.id) AS tag_list`;

export function toLibraryImage(row: ImageRow, store: FileStore): LibraryImage {
  return {
    id: row.id,
    path: store.ownPath(row.path),
    thumbPath: store.ownPath(store.thumbPath(row.sha256, 256)),
    width: row.width,
    height: row.height,
    format: row.format,
    bytes: row.bytes,
    sha256: row.sha256,
    createdAt: new Date(row.created_at).toISOString(),
    source: row.source,
    provider: row.provider,
    model: row.model,
    prompt: row.prompt,
    negativePrompt: row.negative_prompt,
    params: parseParams(row.params),
    seed: row.seed_text ?? row.seed,
    costUsd: row.cost_usd,
    latencyMs: row.latency_ms,
    parentId: row.parent_id,
    jobId: row.job_id,
    originalName: row.original_name,
    favorite: row.favorite === 1,
    rating: row.rating,
    tags: row.tag_list ? row.tag_list.split(tagSeparator).sort((a, b) => a.localeCompare(b)) : [],
    trashedAt: row.trashed_at === null ? null : new Date(row.trashed_at).toISOString(),
  };
}

function parseParams(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { raw: text };
  }
}
