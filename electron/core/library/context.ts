import type { EventPayload } from '../../../shared/contract';
import type { Db } from '../db/open';
import type { FileStore } from './file-store';
import type { ThumbnailQueue } from './thumbnail-queue';

export type ChangeReason = EventPayload<'library.changed'>['reason'];

/** What every library operation works on: the open database, the file store, the clock, the event fan-out. */
export interface LibraryContext {
  db: Db;
  store: FileStore;
  /** Thumbnails made after the fact, for images whose caller chose not to wait for them. */
  thumbnails: ThumbnailQueue;
  now: () => number;
  changed(reason: ChangeReason, ids: string[]): void;
}
