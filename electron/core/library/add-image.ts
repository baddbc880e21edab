// The one way an image enters the library (generated, edited, imported, from the browser as bytes, or
// from an archive): check the bytes and write the original durably (check-image.ts), make its
// thumbnails, then insert the row in one transaction. A crash in between leaves a file no row
// references, which `check` finds and adopts.
import { randomBytes } from 'node:crypto';
import type { ImageSource, LibraryImage, Seed } from '../../../shared/contract/library';
import { AppError, errorDetails } from '../../../shared/errors';
import type { LibraryContext } from './context';
import { sha256Of } from './file-store';
import { type CheckedImage, checkAndWrite, type ImageFacts } from './check-image';
import { type ImageRow, imageColumns, toLibraryImage } from './image-row';
import { readGeneration } from './metadata/read-generation';
import { setTags } from './tags';
import { ensureThumbnails } from './thumbnails';
import { cached } from '../db/statement-cache';

export interface AddImageInput {
  bytes: Buffer;
  source: ImageSource;
  provider?: string | null;
  model?: string | null;
  prompt?: string | null;
  negativePrompt?: string | null;
  params?: Record<string, unknown> | null;
  seed?: Seed | null;
  costUsd?: number | null;
  latencyMs?: number | null;
  parentId?: string | null;
  jobId?: string | null;
  originalName?: string | null;
}

export interface StoreOptions {
  /**
   * Every image passes the same check either way. 'now' (the default: imports, archives, repair) awaits
   * the thumbnails before the row is stored; 'later' (the job runner) leaves them to the background
   * queue, so a burst of results is not held up by its own thumbnails.
   */
  thumbnails?: 'now' | 'later';
}

/** Facts an archive brings back besides the generation ones. */
interface RestoredFacts {
  id?: string;
  createdAt?: number;
  favorite?: boolean;
  rating?: number;
  tags?: string[];
  trashedAt?: number | null;
}

interface StoreResult {
  image: LibraryImage;
  /** True when these bytes were already in the library as an imported image (nothing new was stored). */
  duplicate: boolean;
}

function newImageId(): string {
  return randomBytes(8).toString('hex');
}

function getImageRow(context: LibraryContext, id: string): ImageRow | undefined {
  return cached(context.db, `SELECT ${imageColumns} FROM images i WHERE i.id = ?`).get(id) as ImageRow | undefined;
}

/**
 * Imports dedupe by hash (the same file dropped twice is one image; a trashed one comes back).
 * Generated and edited images always get their own row, since each carries its own job and prompt,
 * but share the stored file when the bytes are identical. Callers announce the change (once per batch).
 */
export async function storeImage(
  context: LibraryContext,
  input: AddImageInput,
  restored: RestoredFacts = {},
  options: StoreOptions = {},
): Promise<StoreResult> {
  const dedupe = input.source === 'imported' && !restored.id;
  // A file imported again is the image already here: nothing new enters, so there is nothing to check.
  const sha256 = sha256Of(input.bytes);
  const before = dedupe ? existingImport(context, sha256) : null;
  if (before) return before;
  const checked = await checkAndWrite(context.store, input.bytes, sha256);
  if (options.thumbnails === 'later') context.thumbnails.schedule(checked.sha256, checked.relativePath);
  else await ensureThumbnails(context.store, checked.sha256, checked.relativePath);
  // Checked again after the awaits: another import of the same bytes may have finished meanwhile.
  const raced = dedupe ? existingImport(context, checked.sha256) : null;
  return raced ?? addRow(context, input, restored, checked);
}

function addRow(
  context: LibraryContext,
  input: AddImageInput,
  restored: RestoredFacts,
  checked: CheckedImage,
): StoreResult {
  const { sha256, relativePath, facts } = checked;
  const id = restored.id ?? newImageId();
  const row = insertRow(context, { id, sha256, relativePath, facts, input: withEmbeddedFacts(input, facts), restored });
  return { image: toLibraryImage(row, context.store), duplicate: false };
}

function existingImport(context: LibraryContext, sha256: string): StoreResult | null {
  const existing = cached(
    context.db,
    'SELECT id, trashed_at FROM images WHERE sha256 = ? ORDER BY trashed_at IS NOT NULL, created_at LIMIT 1',
  ).get(sha256) as { id: string; trashed_at: number | null } | undefined;
  if (!existing) return null;
  if (existing.trashed_at !== null) {
    cached(context.db, 'UPDATE images SET trashed_at = NULL WHERE id = ?').run(existing.id);
    context.changed('restored', [existing.id]);
  }
  return { image: toLibraryImage(getImageRow(context, existing.id)!, context.store), duplicate: true };
}

interface RowValues {
  id: string;
  sha256: string;
  relativePath: string;
  facts: ImageFacts;
  input: AddImageInput;
  restored: RestoredFacts;
}

/** Answers the row as written (RETURNING), so storing an image does not read it back. */
function insertRow(context: LibraryContext, values: RowValues): ImageRow {
  const { input, facts, restored } = values;
  const insert = cached(
    context.db,
    `
    INSERT INTO images (pk, id, sha256, path, width, height, format, bytes, created_at, source, provider, model, prompt,
      negative_prompt, params, seed, cost_usd, latency_ms, parent_id, job_id, original_name, favorite, rating, trashed_at)
    VALUES (@pk, @id, @sha256, @path, @width, @height, @format, @bytes, @createdAt, @source, @provider, @model, @prompt,
      @negativePrompt, @params, @seed, @costUsd, @latencyMs, @parentId, @jobId, @originalName, @favorite, @rating, @trashedAt)
    RETURNING *`,
  );
  const parentId = input.parentId ?? null;
  if (parentId && !cached(context.db, 'SELECT 1 FROM images WHERE id = ?').get(parentId)) {
    throw new AppError(
      'not_found',
      `The parent image ${parentId} is not in the library.`,
      errorDetails('image_not_found', { id: parentId }),
    );
  }
  const createdAt = restored.createdAt ?? context.now();
  // IMMEDIATE: the key is read and written under one write lock, even with the CLI beside the app.
  return context.db
    .transaction((): ImageRow => {
      const row = insert.get({
        pk: orderedKey(context, createdAt),
        id: values.id,
        sha256: values.sha256,
        path: values.relativePath,
        width: facts.width,
        height: facts.height,
        format: facts.format,
        bytes: input.bytes.length,
        createdAt,
        source: input.source,
        provider: input.provider ?? null,
        model: input.model ?? null,
        prompt: input.prompt ?? null,
        negativePrompt: input.negativePrompt ?? null,
        params: input.params ? JSON.stringify(input.params) : null,
        seed: typeof input.seed === 'number' ? input.seed : null,
        costUsd: input.costUsd ?? null,
        latencyMs: input.latencyMs ?? null,
        parentId,
        jobId: input.jobId ?? null,
        originalName: input.originalName ?? null,
        favorite: restored.favorite ? 1 : 0,
        rating: restored.rating ?? 0,
        trashedAt: restored.trashedAt ?? null,
      }) as Omit<ImageRow, 'tag_list'>;
      // The rare seed no number holds goes to its own column (migration 5), written only then.
      if (typeof input.seed === 'string') {
        cached(context.db, 'UPDATE images SET seed_text = ? WHERE pk = ?').run(input.seed, row.pk);
        row.seed_text = input.seed;
      }
      if (!restored.tags || restored.tags.length === 0) return { ...row, tag_list: null };
      setTags(context.db, [values.id], restored.tags, []);
      return getImageRow(context, values.id)!;
    })
    .immediate();
}

/** Slots per millisecond in images.pk: far more images than one process can decode in a millisecond. */
export const keySlotsPerMs = 1024;

/** The row key for a creation time: created_at × 1024 plus the next free slot in that millisecond. */
function orderedKey(context: LibraryContext, createdAt: number): number {
  const base = Math.trunc(createdAt) * keySlotsPerMs;
  const last = cached(context.db, 'SELECT max(pk) FROM images WHERE pk >= ? AND pk < ?')
    .pluck()
    .get(base, base + keySlotsPerMs) as number | null;
  const key = last === null ? base : last + 1;
  if (key >= base + keySlotsPerMs)
    throw new AppError('conflict', 'Too many images stored within one millisecond; try again.');
  return key;
}

/**
 * Fills what the caller did not say from the file's own metadata (metadata/read-generation.ts: ours,
 * or whichever tool wrote it; `params.generator` names that tool).
 */
function withEmbeddedFacts(input: AddImageInput, facts: ImageFacts): AddImageInput {
  const found = readGeneration(facts.text);
  if (!found) return input;
  const pick = <K extends keyof AddImageInput>(key: K, fallback: unknown): AddImageInput[K] =>
    (input[key] ?? fallback ?? null) as AddImageInput[K];
  return {
    ...input,
    prompt: pick('prompt', found.prompt),
    negativePrompt: pick('negativePrompt', found.negativePrompt),
    params: pick('params', found.params),
    seed: pick('seed', found.seed),
    model: pick('model', found.model),
    provider: pick('provider', found.provider),
  };
}
