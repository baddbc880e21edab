// The text fields of an EXIF block (a TIFF structure: JPEG's APP1 "Exif", WebP's EXIF chunk) that
// generators write into: A1111/Forge/SD.Next/Civitai put their `parameters` text in UserComment, as
// UTF-16 behind an "UNICODE\0" prefix or as ASCII; ComfyUI's savers put "prompt:{…}" and
// "workflow:{…}" into Make, Model and ImageDescription; our own export puts "atelier:{…}" in MakerNote. Every offset is checked against the block,
// so a damaged or hostile one gives fewer fields, never a crash.
import { maxInflatedTextBytes } from './png-chunks';
import { decodeText } from './text-decoding';

const tagNames: Record<number, string> = {
  0x010e: 'ImageDescription',
  0x010f: 'Make',
  0x0110: 'Model',
  0x0131: 'Software',
  0x013b: 'Artist',
  0x9286: 'UserComment',
  0x927c: 'MakerNote',
  0x9c9c: 'XPComment',
};
const exifIfdPointer = 0x8769;
const maxEntriesPerIfd = 512;
const typeSizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

/** The named text fields, by name; `tiff` may start with the "Exif\0\0" marker or straight at II/MM. */
export function readExifText(block: Buffer): Record<string, string> {
  const tiff = block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? block.subarray(6) : block;
  const text: Record<string, string> = {};
  if (tiff.length < 8) return text;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return text;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const visited = new Set<number>();
  const walk = (ifd: number) => {
    if (visited.has(ifd) || ifd < 8 || ifd + 2 > tiff.length) return;
    visited.add(ifd);
    const count = Math.min(u16(ifd), maxEntriesPerIfd);
    for (let index = 0; index < count; index++) {
      const entry = ifd + 2 + index * 12;
      if (entry + 12 > tiff.length) return;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const values = u32(entry + 4);
      if (tag === exifIfdPointer) {
        walk(u32(entry + 8));
        continue;
      }
      const name = tagNames[tag];
      const size = values * (typeSizes[type] ?? 0);
      if (!name || size === 0 || size > maxInflatedTextBytes) continue;
      const start = size <= 4 ? entry + 8 : u32(entry + 8);
      if (start + size > tiff.length) continue;
      const value = tiff.subarray(start, start + size);
      const decoded =
        name === 'UserComment'
          ? userComment(value, little)
          : name === 'XPComment'
            ? utf16(value, true)
            : decodeText(value);
      if (decoded) text[name] = decoded;
    }
  };
  walk(u32(4));
  return text;
}

/** UserComment: an 8-byte character-code prefix ("UNICODE\0", "ASCII\0\0\0", or undefined), then the text. */
function userComment(value: Buffer, littleEndian: boolean): string {
  const prefix = value.toString('latin1', 0, 8);
  const body = value.subarray(8);
  if (prefix === 'UNICODE\0') return utf16(body, utf16LooksLittleEndian(body, littleEndian));
  if (prefix.startsWith('ASCII') || prefix === '\0\0\0\0\0\0\0\0') return decodeText(body);
  return decodeText(value);
}

/**
 * The standard says UTF-16 in the file's byte order, but writers disagree (piexif writes big-endian
 * into little-endian files): the text is mostly ASCII, so the half of each pair that is zero tells.
 */
function utf16LooksLittleEndian(body: Buffer, fallback: boolean): boolean {
  let evenZeros = 0;
  let oddZeros = 0;
  const sample = Math.min(body.length, 512);
  for (let index = 0; index + 1 < sample; index += 2) {
    if (body[index] === 0) evenZeros++;
    if (body[index + 1] === 0) oddZeros++;
  }
  if (evenZeros === oddZeros) return fallback;
  return oddZeros > evenZeros;
}

function utf16(body: Buffer, littleEndian: boolean): string {
  const even = body.subarray(0, body.length - (body.length % 2));
  const text = littleEndian ? even.toString('utf16le') : Buffer.from(even).swap16().toString('utf16le');
  return text.replace(/\0+$/, '');
}
