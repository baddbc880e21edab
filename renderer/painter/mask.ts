// The editor's one internal mask: a coverage value per image pixel, 0 = keep, 255 = edit here.
// Painted in image pixels (not screen pixels), so the mask is always the image's exact size; each
// provider's wire format is made from it in the core (electron/core/masks.ts).

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export class MaskBitmap {
  readonly data: Uint8ClampedArray;
  /** Told before any tool writes into a region, so an open history can keep those tiles as they were. */
  private beforeWrite: ((rect: Rect) => void) | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
    data?: Uint8ClampedArray,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`A mask needs a positive whole size, not ${width}×${height}.`);
    }
    this.data = data ?? new Uint8ClampedArray(width * height);
  }

  onBeforeWrite(listener: ((rect: Rect) => void) | null): void {
    this.beforeWrite = listener;
  }

  /** Every tool calls this with the (clipped) region it is about to change, before changing it. */
  willWrite(rect: Rect): void {
    this.beforeWrite?.(rect);
  }

  at(x: number, y: number): number {
    return this.data[y * this.width + x]!;
  }

  /** The part of `rect` inside the bitmap, or null when they do not overlap. */
  clip(rect: Rect): Rect | null {
    const clipped = {
      x0: Math.max(0, Math.floor(rect.x0)),
      y0: Math.max(0, Math.floor(rect.y0)),
      x1: Math.min(this.width, Math.ceil(rect.x1)),
      y1: Math.min(this.height, Math.ceil(rect.y1)),
    };
    return clipped.x0 < clipped.x1 && clipped.y0 < clipped.y1 ? clipped : null;
  }

  copyRegion(rect: Rect): Uint8ClampedArray {
    const out = new Uint8ClampedArray((rect.x1 - rect.x0) * (rect.y1 - rect.y0));
    const rowWidth = rect.x1 - rect.x0;
    for (let y = rect.y0; y < rect.y1; y++) {
      out.set(this.data.subarray(y * this.width + rect.x0, y * this.width + rect.x1), (y - rect.y0) * rowWidth);
    }
    return out;
  }

  pasteRegion(rect: Rect, pixels: Uint8ClampedArray): void {
    this.willWrite(rect);
    const rowWidth = rect.x1 - rect.x0;
    for (let y = rect.y0; y < rect.y1; y++) {
      this.data.set(pixels.subarray((y - rect.y0) * rowWidth, (y - rect.y0 + 1) * rowWidth), y * this.width + rect.x0);
    }
  }

  isEmpty(): boolean {
    return this.data.every((value) => value === 0);
  }

  /** Share of the image marked for editing, 0…1 (partial coverage counts partly). */
  coverage(): number {
    let sum = 0;
    for (const value of this.data) sum += value;
    return sum / (255 * this.data.length);
  }
}
