// Undo and redo for the mask. An action (a whole stroke, a rectangle, an invert) is recorded as the 256² tiles it
// changed, before and after: a diagonal stroke across a 4096² image keeps the few dozen tiles under it, not the
// 4096² rectangle around it. The history is bounded in steps and in bytes; the oldest steps go first.
import type { MaskBitmap, Rect } from './mask';

export const tileSize = 256;

interface TilePatch {
  tile: Rect;
  before: Uint8ClampedArray;
  after: Uint8ClampedArray;
}

interface Step {
  tiles: TilePatch[];
  bytes: number;
}

export interface HistoryLimits {
  steps: number;
  bytes: number;
}

const defaultLimits: HistoryLimits = { steps: 100, bytes: 256 * 1024 * 1024 };

export class MaskHistory {
  private readonly undoStack: Step[] = [];
  private readonly redoStack: Step[] = [];
  /** Tiles of the open action as they were before it first wrote into them, by tile index. */
  private pending: Map<number, { tile: Rect; before: Uint8ClampedArray }> | null = null;
  private heldBytes = 0;
  private readonly limits: HistoryLimits;

  constructor(
    private readonly mask: MaskBitmap,
    limits: Partial<HistoryLimits> = {},
  ) {
    this.limits = { ...defaultLimits, ...limits };
  }

  /** Call before an action starts: from now on every tile the tools are about to write is kept as it was. */
  begin(): void {
    this.pending = new Map();
    this.mask.onBeforeWrite((rect) => this.keepTiles(rect));
  }

  /** Call when the action ends: the tiles it really changed become one undo step. */
  commit(): void {
    const pending = this.pending;
    this.pending = null;
    this.mask.onBeforeWrite(null);
    if (!pending) return;
    const tiles: TilePatch[] = [];
    for (const { tile, before } of pending.values()) {
      const after = this.mask.copyRegion(tile);
      if (!sameBytes(before, after)) tiles.push({ tile, before, after });
    }
    if (tiles.length === 0) return;
    const step = { tiles, bytes: tiles.reduce((sum, patch) => sum + patch.before.length + patch.after.length, 0) };
    this.undoStack.push(step);
    this.heldBytes += step.bytes;
    this.dropRedo();
    this.trim();
  }

  /** Abandons the open action (a stroke that became a two-finger pinch): its tiles go back as they were. */
  cancel(): void {
    const pending = this.pending;
    this.pending = null;
    this.mask.onBeforeWrite(null);
    for (const { tile, before } of pending?.values() ?? []) this.mask.pasteRegion(tile, before);
  }

  /** Runs one complete action as a single undo step. */
  record(action: () => unknown): void {
    this.begin();
    try {
      action();
    } finally {
      this.commit();
    }
  }

  undo(): boolean {
    const step = this.undoStack.pop();
    if (!step) return false;
    for (const patch of step.tiles) this.mask.pasteRegion(patch.tile, patch.before);
    this.redoStack.push(step);
    return true;
  }

  redo(): boolean {
    const step = this.redoStack.pop();
    if (!step) return false;
    for (const patch of step.tiles) this.mask.pasteRegion(patch.tile, patch.after);
    this.undoStack.push(step);
    return true;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Bytes of mask pixels the undo and redo steps hold. */
  get bytes(): number {
    return this.heldBytes;
  }

  private keepTiles(rect: Rect): void {
    const pending = this.pending!;
    const columns = Math.ceil(this.mask.width / tileSize);
    for (let row = Math.floor(rect.y0 / tileSize); row * tileSize < rect.y1; row++) {
      for (let column = Math.floor(rect.x0 / tileSize); column * tileSize < rect.x1; column++) {
        const index = row * columns + column;
        if (pending.has(index)) continue;
        const tile = {
          x0: column * tileSize,
          y0: row * tileSize,
          x1: Math.min(this.mask.width, (column + 1) * tileSize),
          y1: Math.min(this.mask.height, (row + 1) * tileSize),
        };
        pending.set(index, { tile, before: this.mask.copyRegion(tile) });
      }
    }
  }

  private dropRedo(): void {
    for (const step of this.redoStack) this.heldBytes -= step.bytes;
    this.redoStack.length = 0;
  }

  private trim(): void {
    while (
      this.undoStack.length > 0 &&
      (this.undoStack.length > this.limits.steps || this.heldBytes > this.limits.bytes)
    ) {
      this.heldBytes -= this.undoStack.shift()!.bytes;
    }
  }
}

function sameBytes(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
