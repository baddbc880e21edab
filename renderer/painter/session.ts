// The mask being painted lives outside React state (a megapixel array must not be copied per
// stroke); views subscribe to `version` in the editor store, which bumps after every change.
import { MaskHistory } from './history';
import { MaskBitmap } from './mask';

export interface PainterSession {
  mask: MaskBitmap;
  history: MaskHistory;
}

let current: PainterSession | null = null;

/** A new mask for a new image: empty, or `initial` (the grown mask of an extended canvas). */
export function startPainterSession(width: number, height: number, initial?: MaskBitmap): PainterSession {
  const mask = initial ?? new MaskBitmap(width, height);
  current = { mask, history: new MaskHistory(mask) };
  return current;
}

export function painterSession(): PainterSession | null {
  return current;
}
