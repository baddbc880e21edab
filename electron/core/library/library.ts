// The library domain as other parts of the core see it: the jobs engine stores results through
// addImage, the app:// protocol and the harness serve files through resolveMedia.
import type {
  CheckReport,
  DiskUsage,
  ImportResult,
  LibraryImage,
  ListFilter,
  Spend,
} from '../../../shared/contract/library';
import type { Db } from '../db/open';
import { embeddedMetadata } from './embedded-metadata';
import { type AddImageInput, type StoreOptions, storeImage } from './add-image';
import { exportArchive, importArchive } from './archive';
import { checkLibrary, type CheckOptions } from './check';
import { diskUsage } from './disk-usage';
import { spend, type SpendRange } from './spend';
import type { ChangeReason, LibraryContext } from './context';
import { type PromptEntry, promptHistory, recordPrompt } from './prompt-history';
import { exportImages } from './export-files';
import { FileStore } from './file-store';
import { importBuffers, importPaths } from './import-files';
import { lineageOf } from './lineage';
import { type MediaFile, parseMediaPath, resolveMedia } from './media';
import {
  deleteImages,
  emptyTrash,
  getImages,
  restoreImages,
  setFavorite,
  setRating,
  tagImages,
  trashImages,
} from './organise';
import { ThumbnailQueue } from './thumbnail-queue';
import { facets, imageIdsOfJob, listImages } from './query';
import { registerSearchText } from './search-text';

interface LibraryOptions {
  db: Db;
  libraryDir: string;
  now?: () => number;
  onChange?: (reason: ChangeReason, ids: string[]) => void;
}

/** How another domain tells a refusal of an image's bytes (providers/download.ts fetches a damaged one again). */
export { ImageRefused } from './image-probe';

export type Library = ReturnType<typeof createLibrary>;

export function createLibrary(options: LibraryOptions) {
  // The search index's triggers call it on every write of an image or a tag.
  registerSearchText(options.db);
  const store = new FileStore(options.libraryDir);
  const context: LibraryContext = {
    db: options.db,
    store,
    thumbnails: new ThumbnailQueue(store),
    now: options.now ?? Date.now,
    changed: (reason, ids) => options.onChange?.(reason, ids),
  };
  return {
    context,
    /** Stores one image (deduplicated by hash); throws AppError('invalid_input') when the bytes are not a usable image. */
    async addImage(input: AddImageInput, options: StoreOptions = {}): Promise<LibraryImage> {
      const { image, duplicate } = await storeImage(context, input, {}, options);
      if (!duplicate) context.changed('added', [image.id]);
      return image;
    },
    get: (id: string): LibraryImage => getImages(context, [id])[0]!,
    /** The images this one was edited from and the edits made from it. */
    lineage: (id: string) => lineageOf(context, id),
    /** The metadata texts embedded in the stored original, and the tool that wrote them. */
    metadata: (id: string) => embeddedMetadata(context, id),
    list: (filter: ListFilter) => listImages(context, filter),
    facets: () => facets(context),
    /** The prompts sent, newest first, each once (↑/↓ in the Generate form). */
    promptHistory: (limit?: number) => promptHistory(context, limit),
    recordPrompt: (entry: PromptEntry) => recordPrompt(context, entry),
    /** Images already stored for a job (a crash between storing and recording the job leaves them only here). */
    imageIdsOfJob: (jobId: string): string[] => imageIdsOfJob(context, jobId),
    import: (paths: string[]): Promise<ImportResult> => importPaths(context, paths),
    importBuffers: (files: Array<{ name: string; bytes: Buffer; parentId?: string }>): Promise<ImportResult> =>
      importBuffers(context, files),
    tag: (ids: string[], add: string[] = [], remove: string[] = []) => tagImages(context, ids, add, remove),
    favorite: (ids: string[], favorite: boolean) => setFavorite(context, ids, favorite),
    rate: (ids: string[], rating: number) => setRating(context, ids, rating),
    trash: (ids: string[]) => trashImages(context, ids),
    restore: (ids: string[]) => restoreImages(context, ids),
    delete: (ids: string[]) => deleteImages(context, ids),
    emptyTrash: () => emptyTrash(context),
    export: (ids: string[], to: string) => exportImages(context, ids, to),
    exportArchive: (to: string) => exportArchive(context, to),
    importArchive: (from: string) => importArchive(context, from),
    check: (options: CheckOptions): Promise<CheckReport> => checkLibrary(context, options),
    /** The library's size by originals, thumbnails, trash and database. */
    diskUsage: (): Promise<DiskUsage> => diskUsage(context),
    /** What generated and edited images cost in a span, by provider and by day. */
    spend: (range: SpendRange): Spend => spend(context, range),
    /** `/media/<id>/<variant>` → a file to serve, or null for a 404. */
    resolveMedia: (imageId: unknown, variant: unknown): Promise<MediaFile | null> =>
      resolveMedia(context, imageId, variant),
    /** Resolves when background thumbnails are all made. */
    drainThumbnails: () => context.thumbnails.drain(),
    /**
     * Finishes pending thumbnails (a CLI command that just stored results should leave them complete),
     * but never holds a quit up for long: what is left after a few seconds is made on request or by repair.
     */
    async close(graceMs = 3000): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        context.thumbnails.drain(),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      context.thumbnails.close();
    },
    /** The same from a URL path; anything but `/media/<id>/<variant>` is null. */
    async resolveMediaPath(urlPath: string): Promise<MediaFile | null> {
      const parsed = parseMediaPath(urlPath);
      return parsed ? resolveMedia(context, parsed.imageId, parsed.variant) : null;
    },
  };
}
