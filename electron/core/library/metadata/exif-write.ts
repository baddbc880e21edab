// A minimal EXIF block for an exported JPEG or WebP that has none: UserComment with the A1111
// `parameters` text (UNICODE, UTF-16 big-endian as the web UI's piexif writes it, which every reader
// of these files expects) and MakerNote with our own "atelier:{…}" JSON. Big-endian TIFF throughout.
const unicodePrefix = Buffer.from('UNICODE\0', 'latin1');

export function exifBlock(fields: { userComment?: string; makerNote?: string }): Buffer {
  const entries: Array<{ tag: number; value: Buffer }> = [];
  if (fields.userComment !== undefined) {
    const utf16be = Buffer.from(fields.userComment, 'utf16le').swap16();
    entries.push({ tag: 0x9286, value: Buffer.concat([unicodePrefix, utf16be]) });
  }
  if (fields.makerNote !== undefined) entries.push({ tag: 0x927c, value: Buffer.from(fields.makerNote, 'utf8') });
  // Header (8), IFD0 with one entry: the Exif IFD pointer (2 + 12 + 4), then the Exif IFD and its values.
  const exifIfd = 8 + 18;
  const exifIfdSize = 2 + entries.length * 12 + 4;
  const header = Buffer.alloc(exifIfd + exifIfdSize);
  header.write('MM', 0, 'latin1');
  header.writeUInt16BE(42, 2);
  header.writeUInt32BE(8, 4);
  header.writeUInt16BE(1, 8);
  header.writeUInt16BE(0x8769, 10);
  header.writeUInt16BE(4, 12); // LONG
  header.writeUInt32BE(1, 14);
  header.writeUInt32BE(exifIfd, 18);
  header.writeUInt32BE(0, 22);
  header.writeUInt16BE(entries.length, exifIfd);
  let valueOffset = exifIfd + exifIfdSize;
  entries.forEach(({ tag, value }, index) => {
    const at = exifIfd + 2 + index * 12;
    header.writeUInt16BE(tag, at);
    header.writeUInt16BE(7, at + 2); // UNDEFINED
    header.writeUInt32BE(value.length, at + 4);
    header.writeUInt32BE(valueOffset, at + 8);
    valueOffset += value.length;
  });
  return Buffer.concat([header, ...entries.map((entry) => entry.value)]);
}
