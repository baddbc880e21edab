// Undo and redo for the mask. An action (a whole stroke, a rectangle, an invert) is recorded as the
// region it touched, before and after, so a long session costs memory in proportion to what changed.
import type { MaskBitmap, Rect } from './mask';

interface Patch {
  rect: Rect;
  before: Uint8ClampedArray;
  after: Uint8ClampedArray;
}

export class MaskHistory {
  private readonly undoStack: Patch[] = [];
  private readonly redoStack: Patch[] = [];
  private pending: { snapshot: Uint8ClampedArray } | null = null;

  constructor(
    private readonly mask: MaskBitmap,
    private readonly limit = 100,
  ) {}

  /** Call before an action starts: keeps the whole mask until the action says what it touched. */
  begin(): void {
    this.pending = { snapshot: this.mask.data.slice() };
  }

  /** Call when the action ends with the union of what it touched (null: nothing changed). */
  commit(touched: Rect | null): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending || !touched) return;
    const rect = this.mask.clip(touched);
    if (!rect) return;
    const rowWidth = rect.x1 - rect.x0;
    const before = new Uint8ClampedArray(rowWidth * (rect.y1 - rect.y0));
    for (let y = rect.y0; y < rect.y1; y++) {
      before.set(
        pending.snapshot.subarray(y * this.mask.width + rect.x0, y * this.mask.width + rect.x1),
        (y - rect.y0) * rowWidth,
      );
    }
    const after = this.mask.copyRegion(rect);
    if (before.every((value, index) => value === after[index])) return;
    this.undoStack.push({ rect, before, after });
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  /** Runs one complete action as a single undo step. */
  record(action: () => Rect | null): void {
    this.begin();
    this.commit(action());
  }

  undo(): boolean {
    const patch = this.undoStack.pop();
    if (!patch) return false;
    this.mask.pasteRegion(patch.rect, patch.before);
    this.redoStack.push(patch);
    return true;
  }

  redo(): boolean {
    const patch = this.redoStack.pop();
    if (!patch) return false;
    this.mask.pasteRegion(patch.rect, patch.after);
    this.undoStack.push(patch);
    return true;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }
}
