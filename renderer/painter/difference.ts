// The compare view's difference mode: where two images of the same size differ, amplified so a small change shows,
// with a threshold below which a change counts as none (compression noise, dithering).

/**
 * Per pixel, the largest channel difference |a − b|, times `gain`, as grey (opaque); differences at or under
 * `threshold` (0–255, before the gain) are black. Alpha counts as a channel, so a pixel made transparent shows.
 */
export function differenceImage(
  a: Uint8ClampedArray,
  b: Uint8ClampedArray,
  gain: number,
  threshold: number,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(a.length);
  for (let index = 0; index < a.length; index += 4) {
    const change = Math.max(
      Math.abs(a[index]! - b[index]!),
      Math.abs(a[index + 1]! - b[index + 1]!),
      Math.abs(a[index + 2]! - b[index + 2]!),
      Math.abs(a[index + 3]! - b[index + 3]!),
    );
    const shown = change > threshold ? Math.min(255, change * gain) : 0;
    out[index] = out[index + 1] = out[index + 2] = shown;
    out[index + 3] = 255;
  }
  return out;
}
