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

/** One round dab. `feather` (0…1) is the share of the radius that fades out towards the edge. */
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
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      const distance = Math.hypot(x + 0.5 - center.x, y + 0.5 - center.y);
      if (distance > radius) continue;
      const amount = distance <= hard ? 255 : Math.round(255 * (1 - (distance - hard) / (radius - hard)));
      if (amount > 0) apply(mask, y * mask.width + x, amount, mode);
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

export function fillRect(mask: MaskBitmap, a: Point, b: Point, mode: PaintMode): Rect | null {
  const area = mask.clip({
    x0: Math.min(a.x, b.x),
    y0: Math.min(a.y, b.y),
    x1: Math.max(a.x, b.x),
    y1: Math.max(a.y, b.y),
  });
  if (!area) return null;
  mask.willWrite(area);
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) apply(mask, y * mask.width + x, 255, mode);
  }
  return area;
}

/** Fills a closed lasso (even-odd rule), sampling pixel centres. */
export function fillPolygon(mask: MaskBitmap, points: Point[], mode: PaintMode): Rect | null {
  if (points.length < 3) return null;
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const area = mask.clip({
    x0: Math.min(...xs),
    y0: Math.min(...ys),
    x1: Math.max(...xs) + 1,
    y1: Math.max(...ys) + 1,
  });
  if (!area) return null;
  mask.willWrite(area);
  for (let y = area.y0; y < area.y1; y++) {
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
      const start = Math.max(area.x0, Math.ceil(crossings[pair]! - 0.5));
      const end = Math.min(area.x1, Math.ceil(crossings[pair + 1]! - 0.5));
      for (let x = start; x < end; x++) apply(mask, y * mask.width + x, 255, mode);
    }
  }
  return area;
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

export function union(a: Rect | null, b: Rect | null): Rect | null {
  if (!a) return b;
  if (!b) return a;
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}
