// The painted mask converted to each wire format, checked by reading back pixels.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { toFluxFillMask, toOpenAiMask } from './masks';
import { paintedMask, pixelAt } from '../../test/providers/helpers';

const painted = { left: 10, top: 5, width: 20, height: 10 };

describe('masks', () => {
  it('OpenAI family: alpha 0 where painted, opaque elsewhere, PNG at the image size', async () => {
    const mask = await paintedMask(64, 32, painted);
    const wire = await toOpenAiMask(mask, { width: 64, height: 32 });
    const meta = await sharp(wire).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 64, 32, 4]);
    expect((await pixelAt(wire, 15, 10))[3]).toBe(0);
    expect((await pixelAt(wire, 0, 0))[3]).toBe(255);
    expect((await pixelAt(wire, 63, 31))[3]).toBe(255);
    expect(wire.length).toBeLessThan(4 * 1024 * 1024);
  });

  it('FLUX Fill: white where painted, black elsewhere', async () => {
    const wire = await toFluxFillMask(await paintedMask(64, 32, painted), { width: 64, height: 32 });
    expect((await pixelAt(wire, 15, 10))[0]).toBe(255);
    expect((await pixelAt(wire, 5, 5))[0]).toBe(0);
  });

  it('strokes painted on transparency count as painted; transparent pixels do not', async () => {
    const stroke = await sharp({
      create: { width: 8, height: 8, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } },
    })
      .png()
      .toBuffer();
    const mask = await sharp({
      create: { width: 16, height: 16, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([{ input: stroke, left: 0, top: 0 }])
      .png()
      .toBuffer();
    const wire = await toOpenAiMask(mask, { width: 16, height: 16 });
    expect((await pixelAt(wire, 2, 2))[3]).toBe(0);
    expect((await pixelAt(wire, 12, 12))[3]).toBe(255);
  });

  it('refuses a mask of another size and offers to scale it', async () => {
    const error = (await toOpenAiMask(await paintedMask(32, 16, painted), { width: 64, height: 32 }).catch(
      (thrown: unknown) => thrown,
    )) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe(
      'The mask is 32×16 but the image is 64×32. Scale the mask to the image size and try again.',
    );
    expect(error.details).toMatchObject({ fix: 'scale_mask' });
  });

  it('scales a mask to the image on request, keeping the painted area in place', async () => {
    const small = await paintedMask(32, 16, { left: 0, top: 0, width: 16, height: 16 });
    const wire = await toOpenAiMask(small, { width: 64, height: 32 }, { scaleToImage: true });
    expect((await sharp(wire).metadata()).width).toBe(64);
    expect((await pixelAt(wire, 20, 20))[3]).toBe(0);
    expect((await pixelAt(wire, 40, 20))[3]).toBe(255);
  });
});
