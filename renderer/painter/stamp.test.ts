// The brush dab is written for speed (row spans, squared distances); this pins it to the plain definition it
// replaced: every pixel whose centre is within the radius, full inside the hard core, a linear ramp in the ring.
import { describe, expect, it } from 'vitest';
import { MaskBitmap } from './mask';
import { type PaintMode, stamp } from './tools';

function referenceStamp(mask: MaskBitmap, cx: number, cy: number, radius: number, feather: number, mode: PaintMode) {
  const hard = radius * (1 - Math.min(1, Math.max(0, feather)));
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      const distance = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (distance > radius) continue;
      const amount = distance <= hard ? 255 : Math.round(255 * (1 - (distance - hard) / (radius - hard)));
      if (amount <= 0) continue;
      const index = y * mask.width + x;
      const current = mask.data[index]!;
      mask.data[index] = mode === 'paint' ? Math.max(current, amount) : Math.min(current, 255 - amount);
    }
  }
}

describe('stamp', () => {
  it('paints and erases exactly the pixels of the plain per-pixel definition, at any centre, size and feather', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const fast = new MaskBitmap(61, 47);
    const plain = new MaskBitmap(61, 47);
    for (let dab = 0; dab < 300; dab++) {
      const cx = random() * 80 - 10;
      const cy = random() * 66 - 10;
      const radius = 0.5 + random() * 20;
      const feather = [0, 1, random()][dab % 3]!;
      const mode: PaintMode = dab % 4 === 3 ? 'erase' : 'paint';
      stamp(fast, { x: cx, y: cy }, radius, feather, mode);
      referenceStamp(plain, cx, cy, radius, feather, mode);
    }
    expect(fast.coverage()).toBeGreaterThan(0.05);
    expect([...fast.data]).toEqual([...plain.data]);
  });
});
