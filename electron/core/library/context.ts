import type { EventPayload } from '../../../shared/contract';
import type { Db } from '../db/open';
import type { FileStore } from './file-store';

export type ChangeReason = EventPayload<'library.changed'>['reason'];

/** What every library operation works on: the open database, the file store, the clock, the event fan-out. */
export interface LibraryContext {
  db: Db;
  store: FileStore;
  now: () => number;
  changed(reason: ChangeReason, ids: string[]): void;
}
