// The painted mask converted to each wire format, checked by reading back pixels.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { paintedArea, toFluxFillMask, toOpenAiMask } from './masks';
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

  it("the editor's mask PNG: painted from half coverage, so a soft edge is cut in its middle", async () => {
    const coverage = Uint8Array.of(0, 100, 127, 128, 150, 180, 255);
    const painted = [0, 0, 0, 255, 255, 255, 255];
    // What the page sends now (greyscale, coverage as the grey; test/renderer/mask-png.test.ts sends the page's own) ...
    const grey = await sharp(Buffer.from(coverage), { raw: { width: 7, height: 1, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    expect([...(await paintedArea(grey, { width: 7, height: 1 }))]).toEqual(painted);
    // ... and what it sent and saved before: coverage as grey and as alpha alike. That file was read as
    // grey × alpha, so coverage 150 (59 %) counted as kept and only ≈ 71 % (181) as painted.
    const both = await sharp(Buffer.from([...coverage].flatMap((value) => [value, value])), {
      raw: { width: 7, height: 1, channels: 2 },
    })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    expect([...(await paintedArea(both, { width: 7, height: 1 }))]).toEqual(painted);
  });

  it('a grey + alpha mask file is read by its alpha: opaque strokes of any grey on transparency are painted', async () => {
    // grey, alpha per pixel: dark opaque, mid-grey opaque, white half-opaque, white mostly transparent, transparent.
    const pixels = [40, 255, 128, 255, 255, 130, 255, 100, 0, 0];
    const file = await sharp(Buffer.from(pixels), { raw: { width: 5, height: 1, channels: 2 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    expect((await sharp(file).metadata()).channels).toBe(2);
    expect([...(await paintedArea(file, { width: 5, height: 1 }))]).toEqual([255, 255, 255, 0, 0]);
    const wire = await toOpenAiMask(file, { width: 5, height: 1 });
    expect((await pixelAt(wire, 0, 0))[3]).toBe(0);
    expect((await pixelAt(wire, 4, 0))[3]).toBe(255);
  });
});
