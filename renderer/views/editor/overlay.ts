import type { Rect } from '../../painter/mask';
import { painterSession } from '../../painter/session';
import { useEditorPreferences } from '../../stores/editor-preferences';

function rgbOf(color: string): [number, number, number] {
  const value = Number.parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * Paints the mask's `region` onto the overlay canvas as a translucent tint: the rectangle a tool changed, or the
 * whole mask after a change made outside a stroke (undo, invert, a new image, the overlay's colour). A tool that
 * changed nothing (a stroke off the image) passes null and nothing is drawn: redrawing a 4096² overlay takes about
 * 100 ms, a stall in every pointer move off the image (bench/painter.ts).
 */
export function drawOverlay(canvas: HTMLCanvasElement, region: Rect | 'whole' | null): void {
  const session = painterSession();
  if (!session || region === null) return;
  const { mask } = session;
  const area = region === 'whole' ? { x0: 0, y0: 0, x1: mask.width, y1: mask.height } : mask.clip(region);
  if (!area) return;
  const { overlayColor, overlayOpacity } = useEditorPreferences.getState();
  const [red, green, blue] = rgbOf(overlayColor);
  const width = area.x1 - area.x0;
  const height = area.y1 - area.y0;
  // Every stroke segment redraws its rectangle (bench/painter.ts), so each pixel is one 32-bit write of a word
  // looked up by coverage; the words are made through bytes, so they hold RGBA in memory whatever the byte order.
  const word = new Uint8ClampedArray(4);
  const wordValue = new Uint32Array(word.buffer);
  const tint = new Uint32Array(256);
  for (let coverage = 0; coverage < 256; coverage++) {
    word.set([red, green, blue, coverage * overlayOpacity]);
    tint[coverage] = wordValue[0]!;
  }
  const pixels = new ImageData(width, height);
  const out = new Uint32Array(pixels.data.buffer);
  const { data } = mask;
  for (let y = 0; y < height; y++) {
    const from = (y + area.y0) * mask.width + area.x0;
    const to = y * width;
    for (let x = 0; x < width; x++) out[to + x] = tint[data[from + x]!]!;
  }
  canvas.getContext('2d')!.putImageData(pixels, area.x0, area.y0);
}
