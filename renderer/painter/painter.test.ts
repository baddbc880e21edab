import { describe, expect, it } from 'vitest';
import { MaskHistory } from './history';
import { MaskBitmap } from './mask';
import { clear, fillPolygon, fillRect, invert, stamp, strokeSegment } from './tools';

describe('mask painting', () => {
  it('a hard brush dab covers a disc of the given radius and nothing else', () => {
    const mask = new MaskBitmap(40, 40);
    stamp(mask, { x: 20, y: 20 }, 5, 0, 'paint');
    expect(mask.at(20, 20)).toBe(255);
    expect(mask.at(23, 20)).toBe(255);
    expect(mask.at(27, 20)).toBe(0);
    expect(mask.at(0, 0)).toBe(0);
    const painted = mask.data.filter((value) => value > 0).length;
    expect(painted).toBeGreaterThan(Math.PI * 4.5 ** 2);
    expect(painted).toBeLessThan(Math.PI * 5.5 ** 2);
  });

  it('a feathered dab fades from full in the centre to partial at the edge', () => {
    const mask = new MaskBitmap(40, 40);
    stamp(mask, { x: 20, y: 20 }, 10, 1, 'paint');
    expect(mask.at(20, 20)).toBeGreaterThan(230);
    const edge = mask.at(28, 20);
    expect(edge).toBeGreaterThan(0);
    expect(edge).toBeLessThan(128);
  });

  it('a fast stroke leaves no gaps between its ends', () => {
    const mask = new MaskBitmap(200, 20);
    strokeSegment(mask, { x: 5, y: 10 }, { x: 195, y: 10 }, 3, 0, 'paint');
    for (let x = 5; x <= 195; x++) expect(mask.at(x, 10), `x=${x}`).toBe(255);
  });

  it('the eraser removes what the brush painted', () => {
    const mask = new MaskBitmap(30, 30);
    fillRect(mask, { x: 0, y: 0 }, { x: 30, y: 30 }, 'paint');
    stamp(mask, { x: 15, y: 15 }, 4, 0, 'erase');
    expect(mask.at(15, 15)).toBe(0);
    expect(mask.at(2, 2)).toBe(255);
  });

  it('rectangles are clipped to the image and work dragged in any direction', () => {
    const mask = new MaskBitmap(10, 10);
    const touched = fillRect(mask, { x: 12, y: 8 }, { x: 6, y: -3 }, 'paint');
    expect(touched).toEqual({ x0: 6, y0: 0, x1: 10, y1: 8 });
    expect(mask.at(6, 0)).toBe(255);
    expect(mask.at(9, 7)).toBe(255);
    expect(mask.at(5, 0)).toBe(0);
    expect(mask.at(9, 8)).toBe(0);
  });

  it('a lasso fills its inside only (triangle)', () => {
    const mask = new MaskBitmap(20, 20);
    fillPolygon(
      mask,
      [
        { x: 0, y: 0 },
        { x: 20, y: 0 },
        { x: 0, y: 20 },
      ],
      'paint',
    );
    expect(mask.at(2, 2)).toBe(255);
    expect(mask.at(17, 17)).toBe(0);
    const painted = mask.data.filter((value) => value > 0).length;
    expect(painted).toBeGreaterThan(180);
    expect(painted).toBeLessThan(220);
  });

  it('invert swaps edit and keep; clear empties', () => {
    const mask = new MaskBitmap(4, 4);
    fillRect(mask, { x: 0, y: 0 }, { x: 2, y: 4 }, 'paint');
    invert(mask);
    expect(mask.at(0, 0)).toBe(0);
    expect(mask.at(3, 3)).toBe(255);
    expect(mask.coverage()).toBeCloseTo(0.5);
    clear(mask);
    expect(mask.isEmpty()).toBe(true);
  });

  it('exports painted as white opaque and untouched as transparent', () => {
    const mask = new MaskBitmap(2, 1);
    fillRect(mask, { x: 0, y: 0 }, { x: 1, y: 1 }, 'paint');
    expect([...mask.toRgba()]).toEqual([255, 255, 255, 255, 0, 0, 0, 0]);
  });

  it('refuses a mask of no size', () => {
    expect(() => new MaskBitmap(0, 10)).toThrow(/positive whole size/);
  });
});

describe('mask history', () => {
  it('undoes and redoes whole actions, in order', () => {
    const mask = new MaskBitmap(50, 50);
    const history = new MaskHistory(mask);
    history.begin();
    let touched = strokeSegment(mask, { x: 5, y: 5 }, { x: 20, y: 5 }, 2, 0, 'paint');
    touched = strokeSegment(mask, { x: 20, y: 5 }, { x: 20, y: 30 }, 2, 0, 'paint') ?? touched;
    history.commit({ x0: 0, y0: 0, x1: 50, y1: 50 });
    const afterStroke = mask.data.slice();
    history.record(() => invert(mask));
    expect(mask.at(40, 40)).toBe(255);

    expect(history.undo()).toBe(true);
    expect(mask.data).toEqual(afterStroke);
    expect(history.undo()).toBe(true);
    expect(mask.isEmpty()).toBe(true);
    expect(history.undo()).toBe(false);

    expect(history.redo()).toBe(true);
    expect(mask.data).toEqual(afterStroke);
    expect(history.canRedo).toBe(true);
    history.record(() => fillRect(mask, { x: 0, y: 0 }, { x: 1, y: 1 }, 'paint'));
    expect(history.canRedo).toBe(false);
  });

  it('records nothing for an action that changed nothing', () => {
    const mask = new MaskBitmap(10, 10);
    const history = new MaskHistory(mask);
    history.record(() => stamp(mask, { x: 5, y: 5 }, 2, 0, 'erase'));
    expect(history.canUndo).toBe(false);
  });

  it('keeps at most `limit` steps', () => {
    const mask = new MaskBitmap(10, 10);
    const history = new MaskHistory(mask, 3);
    for (let x = 0; x < 5; x++) history.record(() => fillRect(mask, { x, y: 0 }, { x: x + 1, y: 1 }, 'paint'));
    let undone = 0;
    while (history.undo()) undone++;
    expect(undone).toBe(3);
    expect(mask.at(1, 0)).toBe(255);
    expect(mask.at(2, 0)).toBe(0);
  });
});
