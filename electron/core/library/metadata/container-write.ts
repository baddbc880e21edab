// Adds our metadata to an exported JPEG or WebP without touching a byte of what is there (no
// re-encode): a JPEG gets a comment segment with our JSON, and an EXIF block when it has none; a
// WebP without EXIF gets one (and the VP8X header that announces it); a WebP that has another tool's
// EXIF gets our JSON in an XMP packet instead. Another tool's EXIF is kept as it is: its facts read
// back the same.
import { atelierXmpPacket, isWebp, jpegSegments, webpChunks } from './containers';
import { exifBlock } from './exif-write';

const atelierLabel = 'atelier:';
/** A JPEG segment's length field is 16 bits. */
const maxSegmentData = 0xffff - 2;

export interface OurMetadata {
  /** Our JSON (atelier.ts). */
  atelier: string;
  /** A1111 `parameters` text, for files that carry no other tool's metadata. */
  parameters: string | null;
}

function segment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

export function jpegWithMetadata(jpeg: Buffer, ours: OurMetadata): Buffer {
  const segments = jpegSegments(jpeg);
  const isOurComment = (at: { marker: number; start: number; end: number }) =>
    at.marker === 0xfe && jpeg.toString('latin1', at.start + 4, at.start + 4 + atelierLabel.length) === atelierLabel;
  const hasExif = segments.some(
    (at) => at.marker === 0xe1 && jpeg.toString('latin1', at.start + 4, at.start + 10) === 'Exif\0\0',
  );
  const added: Buffer[] = [];
  if (!hasExif) {
    const exif = Buffer.concat([
      Buffer.from('Exif\0\0', 'latin1'),
      exifBlock({ userComment: ours.parameters ?? undefined }),
    ]);
    if (ours.parameters !== null && exif.length <= maxSegmentData) added.push(segment(0xe1, exif));
  }
  const comment = Buffer.from(atelierLabel + ours.atelier, 'utf8');
  if (comment.length <= maxSegmentData) added.push(segment(0xfe, comment));
  // After SOI and any APP0 (JFIF wants to be first); an earlier comment of ours is replaced.
  const app0 = segments[0]?.marker === 0xe0 ? segments[0].end : 2;
  let rest = jpeg.subarray(app0);
  for (const old of segments.filter(isOurComment).reverse()) {
    const from = old.start - app0;
    rest = Buffer.concat([rest.subarray(0, from), rest.subarray(old.end - app0)]);
  }
  return Buffer.concat([jpeg.subarray(0, app0), ...added, rest]);
}

function riffChunk(id: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

export function webpWithMetadata(webp: Buffer, ours: OurMetadata, size: { width: number; height: number }): Buffer {
  if (!isWebp(webp)) return webp;
  const chunks = webpChunks(webp);
  const hasExif = chunks.some((chunk) => chunk.id === 'EXIF');
  // A file with both blocks of another tool's leaves no block of our own without rewriting theirs.
  if (hasExif && chunks.some((chunk) => chunk.id === 'XMP ')) return webp;
  const added = hasExif
    ? riffChunk('XMP ', Buffer.from(atelierXmpPacket(ours.atelier), 'utf8'))
    : riffChunk(
        'EXIF',
        exifBlock({ userComment: ours.parameters ?? undefined, makerNote: atelierLabel + ours.atelier }),
      );
  const flag = hasExif ? vp8xFlags.xmp : vp8xFlags.exif;
  const parts: Buffer[] = [];
  const vp8x = chunks.find((chunk) => chunk.id === 'VP8X');
  if (vp8x) {
    const header = Buffer.from(webp.subarray(vp8x.start, vp8x.end));
    header[8] = header[8]! | flag;
    parts.push(header);
  } else parts.push(riffChunk('VP8X', vp8xData(webp, chunks, size, flag)));
  for (const chunk of chunks) if (chunk !== vp8x) parts.push(webp.subarray(chunk.start, chunk.end));
  // EXIF comes after the image data and before XMP, which comes last, as the container spec orders them.
  const xmpAt = parts.findIndex((part) => part.toString('latin1', 0, 4) === 'XMP ');
  parts.splice(hasExif || xmpAt < 0 ? parts.length : xmpAt, 0, added);
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** The VP8X flags a metadata block must announce (WebP container specification). */
const vp8xFlags = { xmp: 0x04, exif: 0x08, alpha: 0x10 } as const;

/** A VP8X header for a simple (VP8 or VP8L) file: the canvas size, the block's flag, and alpha when VP8L has some. */
function vp8xData(
  webp: Buffer,
  chunks: Array<{ id: string; start: number; end: number }>,
  size: { width: number; height: number },
  flag: number,
): Buffer {
  const data = Buffer.alloc(10);
  const lossless = chunks.find((chunk) => chunk.id === 'VP8L');
  const alpha = lossless ? (webp.readUInt32LE(lossless.start + 9) >>> 28) & 1 : 0;
  data[0] = flag | (alpha ? vp8xFlags.alpha : 0);
  data.writeUIntLE(size.width - 1, 4, 3);
  data.writeUIntLE(size.height - 1, 7, 3);
  return data;
}
