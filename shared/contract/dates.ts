// The contract's one date type: an instant as ISO 8601 in UTC, '2026-01-02T03:04:05.678Z', the form
// Date.prototype.toISOString writes. Strings of this one form sort in time order, so they compare as text.
// Tables may keep epoch milliseconds; the row mapping turns them into this.
import { z } from 'zod';

export const isoDateSchema = z.iso.datetime();

/** Epoch milliseconds as the contract's date. */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
