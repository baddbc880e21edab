import { describe, expect, it } from 'vitest';
import { MaskHistory, tileSize } from './history';
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

  it('hardness: a hard dab is all or nothing, a soft one falls off steadily from the centre', () => {
    const hard = new MaskBitmap(60, 60);
    stamp(hard, { x: 30, y: 30 }, 20, 0, 'paint');
    expect(new Set(hard.data)).toEqual(new Set([0, 255]));
    const soft = new MaskBitmap(60, 60);
    stamp(soft, { x: 30, y: 30 }, 20, 1, 'paint');
    const row = Array.from({ length: 20 }, (_, offset) => soft.at(30 + offset, 30));
    for (let index = 1; index < row.length; index++) expect(row[index]!).toBeLessThanOrEqual(row[index - 1]!);
    expect(row[10]!).toBeGreaterThan(90);
    expect(row[10]!).toBeLessThan(165);
    const half = new MaskBitmap(60, 60);
    stamp(half, { x: 30, y: 30 }, 20, 0.5, 'paint');
    expect(half.at(39, 30)).toBe(255); // inside the hard half of the radius
    expect(half.at(45, 30)).toBeGreaterThan(0);
    expect(half.at(45, 30)).toBeLessThan(255);
  });

  it('pressure scales the brush: half pressure paints a quarter of the area, a rising stroke widens', () => {
    const full = new MaskBitmap(100, 100);
    strokeSegment(full, { x: 50, y: 50, pressure: 1 }, { x: 50, y: 50, pressure: 1 }, 20, 0, 'paint');
    const half = new MaskBitmap(100, 100);
    strokeSegment(half, { x: 50, y: 50, pressure: 0.5 }, { x: 50, y: 50, pressure: 0.5 }, 20, 0, 'paint');
    const area = (mask: MaskBitmap) => mask.data.filter((value) => value > 0).length;
    expect(area(half) / area(full)).toBeCloseTo(0.25, 1);
    const rising = new MaskBitmap(300, 100);
    strokeSegment(rising, { x: 30, y: 50, pressure: 0.1 }, { x: 270, y: 50, pressure: 1 }, 20, 0, 'paint');
    const thickness = (x: number) => Array.from({ length: 100 }, (_, y) => rising.at(x, y)).filter(Boolean).length;
    expect(thickness(40)).toBeLessThan(10);
    expect(thickness(260)).toBeGreaterThan(36);
    expect(thickness(150)).toBeGreaterThan(thickness(40));
    expect(thickness(150)).toBeLessThan(thickness(260));
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

  it('a soft rectangle ramps across its edge, and stays full where it runs over the image border', () => {
    const mask = new MaskBitmap(100, 60);
    fillRect(mask, { x: 20, y: -30 }, { x: 140, y: 40 }, 'paint', 12);
    expect(mask.at(60, 20)).toBe(255);
    expect(mask.at(60, 0)).toBe(255); // the top and right edges lie outside the image: no fade at the border
    expect(mask.at(99, 20)).toBe(255);
    const across = Array.from({ length: 20 }, (_, offset) => mask.at(10 + offset, 20));
    for (let index = 1; index < across.length; index++)
      expect(across[index]!).toBeGreaterThanOrEqual(across[index - 1]!);
    expect(mask.at(20, 20)).toBeGreaterThan(100);
    expect(mask.at(20, 20)).toBeLessThan(200);
    expect(mask.at(12, 20)).toBe(0);
    expect(mask.at(28, 20)).toBe(255);
    const hard = new MaskBitmap(100, 60);
    fillRect(hard, { x: 20, y: -30 }, { x: 140, y: 40 }, 'paint');
    expect(new Set(hard.data)).toEqual(new Set([0, 255]));
  });

  it('a soft lasso has the same ramp across its edge', () => {
    const mask = new MaskBitmap(80, 80);
    const square = [
      { x: 20, y: 20 },
      { x: 60, y: 20 },
      { x: 60, y: 60 },
      { x: 20, y: 60 },
    ];
    fillPolygon(mask, square, 'paint', 8);
    expect(mask.at(40, 40)).toBe(255);
    expect(mask.at(20, 40)).toBeGreaterThan(90);
    expect(mask.at(20, 40)).toBeLessThan(200);
    expect(mask.at(14, 40)).toBe(0);
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

  it('refuses a mask of no size', () => {
    expect(() => new MaskBitmap(0, 10)).toThrow(/positive whole size/);
  });
});

describe('mask history', () => {
  it('undoes and redoes whole actions, in order', () => {
    const mask = new MaskBitmap(50, 50);
    const history = new MaskHistory(mask);
    history.begin();
    strokeSegment(mask, { x: 5, y: 5 }, { x: 20, y: 5 }, 2, 0, 'paint');
    strokeSegment(mask, { x: 20, y: 5 }, { x: 20, y: 30 }, 2, 0, 'paint');
    history.commit();
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

  it('a cancelled action leaves the mask as it was and no undo step', () => {
    const mask = new MaskBitmap(600, 300);
    const history = new MaskHistory(mask);
    history.record(() => fillRect(mask, { x: 0, y: 0 }, { x: 50, y: 50 }, 'paint'));
    const before = mask.data.slice();
    history.begin();
    strokeSegment(mask, { x: 10, y: 10 }, { x: 590, y: 290 }, 12, 0.5, 'erase');
    history.cancel();
    expect(Buffer.from(mask.data).equals(Buffer.from(before))).toBe(true);
    expect(history.undo()).toBe(true);
    expect(mask.isEmpty()).toBe(true);
    expect(history.canUndo).toBe(false);
  });

  it('records nothing for an action that changed nothing', () => {
    const mask = new MaskBitmap(10, 10);
    const history = new MaskHistory(mask);
    history.record(() => stamp(mask, { x: 5, y: 5 }, 2, 0, 'erase'));
    expect(history.canUndo).toBe(false);
  });

  it('keeps at most `limit` steps', () => {
    const mask = new MaskBitmap(10, 10);
    const history = new MaskHistory(mask, { steps: 3 });
    for (let x = 0; x < 5; x++) history.record(() => fillRect(mask, { x, y: 0 }, { x: x + 1, y: 1 }, 'paint'));
    let undone = 0;
    while (history.undo()) undone++;
    expect(undone).toBe(3);
    expect(mask.at(1, 0)).toBe(255);
    expect(mask.at(2, 0)).toBe(0);
  });

  it('undoes a session of strokes across tile borders back to the exact same pixels, and redoes it', () => {
    const mask = new MaskBitmap(700, 530);
    const history = new MaskHistory(mask);
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const states = [mask.data.slice()];
    for (let step = 0; step < 12; step++) {
      history.begin();
      let last = { x: random() * 700, y: random() * 530 };
      for (let segment = 0; segment < 5; segment++) {
        const next = { x: random() * 700, y: random() * 530 };
        strokeSegment(mask, last, next, 3 + random() * 30, random(), step % 3 === 2 ? 'erase' : 'paint');
        last = next;
      }
      history.commit();
      states.push(mask.data.slice());
      if (step === 6) {
        history.record(() => invert(mask));
        states.push(mask.data.slice());
      }
    }
    for (let index = states.length - 2; index >= 0; index--) {
      expect(history.undo()).toBe(true);
      expect(Buffer.from(mask.data).equals(Buffer.from(states[index]!)), `after undo to state ${index}`).toBe(true);
    }
    expect(history.undo()).toBe(false);
    for (let index = 1; index < states.length; index++) {
      expect(history.redo()).toBe(true);
      expect(Buffer.from(mask.data).equals(Buffer.from(states[index]!)), `after redo to state ${index}`).toBe(true);
    }
  });

  it('a diagonal stroke across 4096² keeps only the tiles under it', () => {
    const mask = new MaskBitmap(4096, 4096);
    const history = new MaskHistory(mask);
    history.begin();
    strokeSegment(mask, { x: 0, y: 0 }, { x: 4096, y: 4096 }, 20, 0.3, 'paint');
    history.commit();
    // The diagonal crosses 16 tiles and grazes their neighbours: at most 3 per row, before and after.
    const tileBytes = tileSize * tileSize;
    expect(history.bytes).toBeGreaterThanOrEqual(16 * 2 * tileBytes);
    expect(history.bytes).toBeLessThanOrEqual(16 * 3 * 2 * tileBytes);
    expect(history.bytes).toBeLessThan(8 * 1024 * 1024); // the whole touched rectangle was 32 MB
    history.undo();
    expect(mask.isEmpty()).toBe(true);
  });

  it('drops the oldest steps once the history holds more bytes than its cap', () => {
    const mask = new MaskBitmap(1024, 1024);
    const tileBytes = tileSize * tileSize;
    const history = new MaskHistory(mask, { bytes: 5 * 2 * tileBytes });
    // Each rectangle lies inside one tile of its own: one step = one tile before and after.
    for (let tile = 0; tile < 8; tile++) {
      const x = (tile % 4) * tileSize + 10;
      const y = Math.floor(tile / 4) * tileSize + 10;
      history.record(() => fillRect(mask, { x, y }, { x: x + 20, y: y + 20 }, 'paint'));
      expect(history.bytes).toBeLessThanOrEqual(5 * 2 * tileBytes);
    }
    let undone = 0;
    while (history.undo()) undone++;
    expect(undone).toBe(5);
    expect(mask.at(10, 10)).toBe(255); // the first three steps can no longer be undone
    expect(mask.at(3 * tileSize + 10, 10)).toBe(0);
    expect(history.bytes).toBe(5 * 2 * tileBytes); // now held as redo steps
    history.redo();
    history.record(() => fillRect(mask, { x: 0, y: 0 }, { x: 1, y: 1 }, 'paint'));
    expect(history.bytes).toBe(2 * 2 * tileBytes); // a new action drops the redo steps and their bytes
  });
});
