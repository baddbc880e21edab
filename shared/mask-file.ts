// How a mask file is read, in the page (Load mask) and in the core (a mask sent with an edit, `atelier edit --mask`)
// alike, so one file means one mask everywhere: "white or opaque = edit". A file with any transparency is read by
// its alpha (opaque = edit, whatever its colour: strokes on a transparent layer); a fully opaque one by its
// brightness (white = edit, black = keep, grey partly: the editor's own greyscale masks, FLUX-style masks).

/**
 * Each pixel's edit strength (0 = keep … 255 = edit) from RGBA pixels (4 bytes a pixel, straight alpha), written to
 * `out` (one byte a pixel).
 */
export function maskFileStrength(rgba: ArrayLike<number>, out: { [index: number]: number; length: number }): void {
  if (rgba.length !== out.length * 4)
    throw new RangeError(`${out.length} pixels need ${out.length * 4} bytes, not ${rgba.length}.`);
  let hasTransparency = false;
  for (let index = 3; index < rgba.length && !hasTransparency; index += 4) hasTransparency = rgba[index]! < 255;
  for (let pixel = 0, offset = 0; pixel < out.length; pixel++, offset += 4) {
    out[pixel] = hasTransparency
      ? rgba[offset + 3]!
      : Math.round(0.299 * rgba[offset]! + 0.587 * rgba[offset + 1]! + 0.114 * rgba[offset + 2]!);
  }
}
