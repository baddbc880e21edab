// Makes every app icon from one drawing, build/icon.svg: build/icon.png (512², what electron-builder
// turns into the macOS and Linux icons), build/icon.ico (Windows), and the page's favicon.ico and
// icon.svg in renderer/public (copied into the built renderer, so app:// and the harness serve them).
// Run it after changing the drawing: node scripts/make-icons.mjs
import { copyFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';

const source = 'build/icon.svg';

/** The drawing at `size` pixels: rasterised at 4× and scaled down, which keeps small sizes crisp. */
function png(size) {
  return sharp(source, { density: (72 * size * 4) / 512 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** An ICO holding one PNG per size (PNG entries are read by Windows Vista and later and every browser). */
async function ico(sizes) {
  const images = await Promise.all(sizes.map(png));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(images[index].length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += images[index].length;
  });
  return Buffer.concat([header, ...images]);
}

writeFileSync('build/icon.png', await png(512));
writeFileSync('build/icon.ico', await ico([16, 24, 32, 48, 64, 128, 256]));
writeFileSync('renderer/public/favicon.ico', await ico([16, 32, 48]));
copyFileSync(source, 'renderer/public/icon.svg');
