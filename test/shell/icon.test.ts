// The desktop app's icon: electron-builder takes build/icon.png (at least 512²) for macOS and Linux and
// build/icon.ico for Windows (electron-builder.yml's buildResources), all drawn from build/icon.svg.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

const build = join(__dirname, '..', '..', 'build');

describe('the app icon', () => {
  it('is a 512² PNG with transparent corners for electron-builder', async () => {
    const icon = sharp(join(build, 'icon.png'));
    expect(await icon.metadata()).toMatchObject({ format: 'png', width: 512, height: 512, hasAlpha: true });
    const corner = await icon.extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer();
    expect(corner[3]).toBe(0);
  });

  it('has a Windows .ico with a 256² image', () => {
    const ico = readFileSync(join(build, 'icon.ico'));
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, entry) => ico[6 + 16 * entry] || 256);
    expect(widths).toContain(256);
  });
});
