// The mask tools. Each announces the region it is about to change (mask.willWrite), so an open history keeps
// only the tiles under it, and returns the rectangle it touched, so the view redraws only that.
import { MaskBitmap, type Rect } from './mask';

export type PaintMode = 'paint' | 'erase';

export interface Point {
  x: number;
  y: number;
}

/** A pointer sample: `pressure` (0…1, from a pen) scales the brush radius; absent means full size. */
export interface StrokePoint extends Point {
  pressure?: number;
}

function apply(mask: MaskBitmap, index: number, amount: number, mode: PaintMode): void {
  const current = mask.data[index]!;
  // Paint raises coverage to at least `amount`; erase lowers it to at most 255 - amount. Re-stamping the
  // same spot never makes a soft edge harder than one stamp, so strokes look even.
  mask.data[index] = mode === 'paint' ? Math.max(current, amount) : Math.min(current, 255 - amount);
}

/**
 * One round dab. `feather` (0…1) is the share of the radius that fades out towards the edge. A stroke calls this
 * for every dab, so it is written for speed (bench/painter.ts: a 4096² image's brush is 200 px wide): each row
 * visits only the pixels inside the circle, squared distances decide the hard core, and the square root is taken
 * only in the feathered ring.
 */
export function stamp(mask: MaskBitmap, center: Point, radius: number, feather: number, mode: PaintMode): Rect | null {
  const area = mask.clip({
    x0: center.x - radius,
    y0: center.y - radius,
    x1: center.x + radius + 1,
    y1: center.y + radius + 1,
  });
  if (!area) return null;
  mask.willWrite(area);
  const hard = radius * (1 - Math.min(1, Math.max(0, feather)));
  const outerSquared = radius * radius;
  const hardSquared = hard * hard;
  const { data, width } = mask;
  const paint = mode === 'paint';
  for (let y = area.y0; y < area.y1; y++) {
    const dy = y + 0.5 - center.y;
    const left = outerSquared - dy * dy;
    if (left < 0) continue;
    // The pixels of this row whose centres are within the radius.
    const reach = Math.sqrt(left);
    const x0 = Math.max(area.x0, Math.ceil(center.x - 0.5 - reach));
    const x1 = Math.min(area.x1, Math.floor(center.x - 0.5 + reach) + 1);
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      const dx = x + 0.5 - center.x;
      const squared = dx * dx + dy * dy;
      let amount = 255;
      if (squared > hardSquared) {
        if (squared > outerSquared) continue;
        amount = Math.round(255 * (1 - (Math.sqrt(squared) - hard) / (radius - hard)));
        if (amount <= 0) continue;
      }
      const current = data[row + x]!;
      if (paint) {
        if (amount > current) data[row + x] = amount;
      } else if (current > 255 - amount) data[row + x] = 255 - amount;
    }
  }
  return area;
}

/**
 * A stroke segment: dabs every quarter radius, so fast pointer moves leave no gaps. With pen pressure the radius
 * follows it from one sample to the next.
 */
export function strokeSegment(
  mask: MaskBitmap,
  from: StrokePoint,
  to: StrokePoint,
  radius: number,
  feather: number,
  mode: PaintMode,
): Rect | null {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const fromRadius = pressed(radius, from.pressure);
  const toRadius = pressed(radius, to.pressure);
  const steps = Math.max(1, Math.ceil(length / Math.max(0.5, Math.min(fromRadius, toRadius) / 4)));
  let touched: Rect | null = null;
  for (let step = 0; step <= steps; step++) {
    const t = step / steps;
    const center = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
    touched = union(touched, stamp(mask, center, fromRadius + (toRadius - fromRadius) * t, feather, mode));
  }
  return touched;
}

function pressed(radius: number, pressure: number | undefined): number {
  return pressure === undefined ? radius : Math.max(0.5, radius * Math.min(1, Math.max(0, pressure)));
}

/** Fills the rows of a shape: `spans(y, fill)` calls fill(x0, x1) for each run of pixels inside on row y. */
type Spans = (y: number, fill: (x0: number, x1: number) => void) => void;

/**
 * Fills a hard-edged shape within `bounds`, its edge softened over `softness` image pixels (two box blurs, a ramp
 * centred on the edge) like a feathered brush. The shape is rasterised a little past the image's border too, so a
 * shape dragged over the border stays full up to it.
 */
function fillShape(mask: MaskBitmap, bounds: Rect, softness: number, mode: PaintMode, spans: Spans): Rect | null {
  const reach = softness >= 2 ? Math.round(softness / 4) || 1 : 0;
  const pad = 2 * reach;
  const box = {
    x0: Math.max(-pad, Math.floor(bounds.x0) - pad),
    y0: Math.max(-pad, Math.floor(bounds.y0) - pad),
    x1: Math.min(mask.width + pad, Math.ceil(bounds.x1) + pad),
    y1: Math.min(mask.height + pad, Math.ceil(bounds.y1) + pad),
  };
  const area = mask.clip(box);
  if (!area) return null;
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  let coverage: Float32Array = new Float32Array(width * height);
  for (let y = box.y0; y < box.y1; y++) {
    const row = (y - box.y0) * width - box.x0;
    spans(y, (x0, x1) => coverage.fill(255, row + Math.max(x0, box.x0), row + Math.min(x1, box.x1)));
  }
  if (reach > 0) {
    coverage = boxBlur(boxBlur(coverage, width, height, reach), width, height, reach);
  }
  mask.willWrite(area);
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      const amount = Math.round(coverage[(y - box.y0) * width + x - box.x0]!);
      if (amount > 0) apply(mask, y * mask.width + x, amount, mode);
    }
  }
  return area;
}

/** One box blur of radius `reach` along rows, then along columns (outside the buffer counts as empty). */
function boxBlur(source: Float32Array, width: number, height: number, reach: number): Float32Array {
  const across = new Float32Array(source.length);
  const out = new Float32Array(source.length);
  const size = 2 * reach + 1;
  for (let y = 0; y < height; y++) {
    let sum = 0;
    for (let x = -reach; x < width + reach; x++) {
      if (x + reach < width) sum += source[y * width + x + reach]!;
      if (x - reach - 1 >= 0) sum -= source[y * width + x - reach - 1]!;
      if (x >= 0 && x < width) across[y * width + x] = sum / size;
    }
  }
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let y = -reach; y < height + reach; y++) {
      if (y + reach < height) sum += across[(y + reach) * width + x]!;
      if (y - reach - 1 >= 0) sum -= across[(y - reach - 1) * width + x]!;
      if (y >= 0 && y < height) out[y * width + x] = sum / size;
    }
  }
  return out;
}

/** A rectangle dragged in any direction; `softness` (image pixels) feathers its edge. */
export function fillRect(mask: MaskBitmap, a: Point, b: Point, mode: PaintMode, softness = 0): Rect | null {
  const x0 = Math.floor(Math.min(a.x, b.x));
  const x1 = Math.ceil(Math.max(a.x, b.x));
  const y0 = Math.floor(Math.min(a.y, b.y));
  const y1 = Math.ceil(Math.max(a.y, b.y));
  return fillShape(mask, { x0, y0, x1, y1 }, softness, mode, (y, fill) => {
    if (y >= y0 && y < y1) fill(x0, x1);
  });
}

/** Fills a closed lasso (even-odd rule), sampling pixel centres; `softness` (image pixels) feathers its edge. */
export function fillPolygon(mask: MaskBitmap, points: Point[], mode: PaintMode, softness = 0): Rect | null {
  if (points.length < 3) return null;
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const bounds = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs) + 1, y1: Math.max(...ys) + 1 };
  return fillShape(mask, bounds, softness, mode, (y, fill) => {
    const sampleY = y + 0.5;
    const crossings: number[] = [];
    for (let index = 0; index < points.length; index++) {
      const a = points[index]!;
      const b = points[(index + 1) % points.length]!;
      if ((a.y <= sampleY && b.y > sampleY) || (b.y <= sampleY && a.y > sampleY)) {
        crossings.push(a.x + ((sampleY - a.y) / (b.y - a.y)) * (b.x - a.x));
      }
    }
    crossings.sort((left, right) => left - right);
    for (let pair = 0; pair + 1 < crossings.length; pair += 2) {
      fill(Math.ceil(crossings[pair]! - 0.5), Math.ceil(crossings[pair + 1]! - 0.5));
    }
  });
}

export function invert(mask: MaskBitmap): Rect {
  mask.willWrite({ x0: 0, y0: 0, x1: mask.width, y1: mask.height });
  for (let index = 0; index < mask.data.length; index++) mask.data[index] = 255 - mask.data[index]!;
  return { x0: 0, y0: 0, x1: mask.width, y1: mask.height };
}

export function clear(mask: MaskBitmap): Rect {
  mask.willWrite({ x0: 0, y0: 0, x1: mask.width, y1: mask.height });
  mask.data.fill(0);
  return { x0: 0, y0: 0, x1: mask.width, y1: mask.height };
}

function union(a: Rect | null, b: Rect | null): Rect | null {
  if (!a) return b;
  if (!b) return a;
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}
