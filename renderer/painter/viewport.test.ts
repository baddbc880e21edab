import { describe, expect, it } from 'vitest';
import { actualSize, fit, maxScale, pan, pinch, toImage, toScreen, zoomAbout, zoomPercent } from './viewport';

describe('the editor viewport', () => {
  it('maps screen to image pixels and back at any zoom and pan', () => {
    const view = { scale: 4, x: -1000, y: 250 };
    expect(toImage(view, { x: 200, y: 650 })).toEqual({ x: 300, y: 100 });
    expect(toScreen(view, { x: 300, y: 100 })).toEqual({ x: 200, y: 650 });
    const point = { x: 123.25, y: 77.5 };
    expect(toImage(view, toScreen(view, point))).toEqual(point);
  });

  it('zooming keeps the image point under the pointer in place', () => {
    const view = { scale: 0.5, x: 40, y: 30 };
    const pointer = { x: 300, y: 200 };
    const before = toImage(view, pointer);
    const zoomed = zoomAbout(view, pointer, 8);
    expect(zoomed.scale).toBe(4);
    const after = toImage(zoomed, pointer);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
    expect(zoomPercent(zoomed)).toBe(400);
  });

  it('zoom stays within its limits, still about the pointer', () => {
    const view = zoomAbout({ scale: 1, x: 0, y: 0 }, { x: 100, y: 100 }, 1e6);
    expect(view.scale).toBe(maxScale);
    expect(toImage(view, { x: 100, y: 100 })).toEqual({ x: 100, y: 100 });
  });

  it('fit shows the whole image centred; 100 % keeps the centre where it was', () => {
    const fitted = fit({ width: 4000, height: 1000 }, { width: 800, height: 600 });
    expect(fitted).toEqual({ scale: 0.2, x: 0, y: 200 });
    const actual = actualSize(fitted, { width: 800, height: 600 });
    expect(actual.scale).toBe(1);
    expect(toImage(actual, { x: 400, y: 300 })).toEqual(toImage(fitted, { x: 400, y: 300 }));
    expect(zoomPercent(fit({ width: 100, height: 100 }, { width: 300, height: 300 }))).toBe(300);
  });

  it('panning moves the image with the pointer, image pixels unchanged', () => {
    const view = pan({ scale: 2, x: 10, y: 10 }, 30, -50);
    expect(view).toEqual({ scale: 2, x: 40, y: -40 });
    expect(toImage(view, { x: 40, y: -40 })).toEqual({ x: 0, y: 0 });
  });

  it('a pinch zooms with the fingers’ spread and keeps the image point between them under them', () => {
    const view = { scale: 1, x: 0, y: 0 };
    const pinched = pinch(
      view,
      [
        { x: 100, y: 100 },
        { x: 200, y: 100 },
      ],
      [
        { x: 100, y: 150 },
        { x: 400, y: 150 },
      ],
    );
    expect(pinched.scale).toBeCloseTo(3);
    const between = toImage(pinched, { x: 250, y: 150 });
    expect(between.x).toBeCloseTo(150);
    expect(between.y).toBeCloseTo(100);
  });
});
