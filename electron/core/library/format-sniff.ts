// What a file is by its first bytes, whatever its name says: so a refusal names the format found
// ("This PNG is damaged"), a text file named .png is called what it is, and a TIFF in a colour space
// the decoder cannot read is told apart from a damaged one.

/** The format's usual name, or null when no image signature matches. */
export function formatByMagic(bytes: Buffer): string | null {
  const ascii = (from: number, to: number) => bytes.toString('latin1', from, to);
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return 'PNG';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (ascii(0, 4) === 'GIF8') return 'GIF';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'WebP';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'TIFF';
  if (ascii(0, 2) === 'BM') return 'BMP';
  if (ascii(4, 8) === 'ftyp') return /^(avif|avis)$/.test(ascii(8, 12)) ? 'AVIF' : 'HEIF';
  if (ascii(0, 4) === '8BPS') return 'PSD';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0x0a) return 'JPEG XL';
  if (ascii(4, 12) === 'JXL \r\n\x87\n') return 'JPEG XL';
  if (ascii(0, 5) === '%PDF-') return 'PDF';
  if (/<svg[\s>]/i.test(ascii(0, 1024))) return 'SVG';
  return null;
}

const labSpaces: Record<number, string> = { 8: 'CIELab', 9: 'ICC Lab', 10: 'ITU Lab' };

/** A TIFF's PhotometricInterpretation when it is a Lab space the decoder cannot read, else null. */
export function unreadableTiffColourSpace(bytes: Buffer): string | null {
  if (bytes.length < 8) return null;
  const little = bytes.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const ifd = little ? bytes.readUInt32LE(4) : bytes.readUInt32BE(4);
  if (ifd + 2 > bytes.length) return null;
  const count = Math.min(u16(ifd), 512);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > bytes.length) return null;
    if (u16(entry) === 262) return labSpaces[u16(entry + 8)] ?? null;
  }
  return null;
}
