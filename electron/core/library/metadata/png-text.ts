// Writes PNG text chunks so that prompt and parameters travel with an exported file and other tools
// (Stable Diffusion UIs, exiftool, image viewers) can read them. Every other chunk, another tool's
// text included, is kept byte for byte. Reading is png-chunks.ts.
import { crc32 } from 'node:zlib';
import { isPng, pngSignature as signature } from './png-chunks';

/**
 * Returns a copy of `png` with one text chunk per entry, replacing any chunk with the same keyword.
 * The chunks go before the first IDAT, where readers that stop at the pixels (libvips, browsers) still see them.
 */
export function embedPngText(png: Buffer, entries: Record<string, string>): Buffer {
  if (!isPng(png)) throw new Error('embedPngText needs a PNG file.');
  const keywords = new Set(Object.keys(entries));
  const kept: Buffer[] = [signature];
  let offset = 8;
  let inserted = false;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const chunk = png.subarray(offset, offset + 12 + length);
    offset += 12 + length;
    if ((type === 'tEXt' || type === 'iTXt' || type === 'zTXt') && keywords.has(keywordOf(chunk))) continue;
    if ((type === 'IDAT' || type === 'IEND') && !inserted) {
      for (const [keyword, text] of Object.entries(entries)) kept.push(textChunk(keyword, text));
      inserted = true;
    }
    kept.push(chunk);
    if (type === 'IEND') break;
  }
  if (!inserted) throw new Error('The PNG file has no image data.');
  return Buffer.concat(kept);
}

function keywordOf(chunk: Buffer): string {
  const data = chunk.subarray(8, chunk.length - 4);
  const end = data.indexOf(0);
  return data.toString('latin1', 0, end < 0 ? data.length : end);
}

/** tEXt when the text is Latin-1 (what most readers expect for `parameters`), iTXt (UTF-8) otherwise. */
function textChunk(keyword: string, text: string): Buffer {
  const latin1 = /^[\u0000-\u00ff]*$/.test(text);
  const data = latin1
    ? Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')])
    : Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
  const type = Buffer.from(latin1 ? 'tEXt' : 'iTXt', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0);
  return Buffer.concat([length, type, data, crc]);
}
