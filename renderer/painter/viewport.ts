// How the image sits in the editor's workspace: screen = image × scale + offset, in CSS pixels relative to the
// workspace's top-left corner. scale 1 is 100 %: one image pixel per CSS pixel. The mask is always painted in image
// pixels, so every pointer position goes through toImage before a tool sees it.
import type { Point } from './tools';

export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export const minScale = 0.02;
export const maxScale = 32;

export function toImage(view: Viewport, screen: Point): Point {
  return { x: (screen.x - view.x) / view.scale, y: (screen.y - view.y) / view.scale };
}

export function toScreen(view: Viewport, image: Point): Point {
  return { x: image.x * view.scale + view.x, y: image.y * view.scale + view.y };
}

/** Zooms by `factor` keeping the image point under `screen` where it is (the pointer, or the workspace's centre). */
export function zoomAbout(view: Viewport, screen: Point, factor: number): Viewport {
  const scale = Math.min(maxScale, Math.max(minScale, view.scale * factor));
  const anchor = toImage(view, screen);
  return { scale, x: screen.x - anchor.x * scale, y: screen.y - anchor.y * scale };
}

/** The image centred at `scale`. */
function centred(image: Size, workspace: Size, scale: number): Viewport {
  return { scale, x: (workspace.width - image.width * scale) / 2, y: (workspace.height - image.height * scale) / 2 };
}

/** The whole image, as large as the workspace allows, centred. */
export function fit(image: Size, workspace: Size): Viewport {
  const scale = Math.min(workspace.width / image.width, workspace.height / image.height);
  return centred(image, workspace, Math.max(minScale, scale));
}

/** 100 %, centred on what was at the workspace's centre. */
export function actualSize(view: Viewport, workspace: Size): Viewport {
  return zoomAbout(view, { x: workspace.width / 2, y: workspace.height / 2 }, 1 / view.scale);
}

export function pan(view: Viewport, dx: number, dy: number): Viewport {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/**
 * Two fingers moved from `before` to `after`: the zoom follows their spread and the image point between them stays
 * between them, so a pinch zooms and pans at once.
 */
export function pinch(view: Viewport, before: [Point, Point], after: [Point, Point]): Viewport {
  const spread = (pair: [Point, Point]) => Math.hypot(pair[1].x - pair[0].x, pair[1].y - pair[0].y);
  const middle = (pair: [Point, Point]) => ({ x: (pair[0].x + pair[1].x) / 2, y: (pair[0].y + pair[1].y) / 2 });
  const from = middle(before);
  const to = middle(after);
  const zoomed = zoomAbout(view, from, spread(before) > 0 ? spread(after) / spread(before) : 1);
  return pan(zoomed, to.x - from.x, to.y - from.y);
}

/** The zoom as people read it: "37 %". */
export function zoomPercent(view: Viewport): number {
  return Math.round(view.scale * 100);
}
