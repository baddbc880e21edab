// Where each format keeps the blocks the metadata readers look in: PNG text chunks, the EXIF block of
// a JPEG (APP1) or WebP (the RIFF EXIF chunk), JPEG comments. Walks the container's own structure
// with every length checked, never the pixels.
import { readExifText } from './exif-text';
import { isPng, readPngText } from './png-chunks';
import { decodeText } from './text-decoding';

/** Where a text came from: a PNG chunk keyword, `exif:<Field>`, `jpeg:comment`, or `xmp:atelier` (ours in a WebP). */
export type EmbeddedText = Record<string, string>;

export function readEmbeddedText(bytes: Buffer): EmbeddedText {
  if (isPng(bytes)) return readPngText(bytes);
  if (isJpeg(bytes)) return readJpegText(bytes);
  if (isWebp(bytes)) return readWebpText(bytes);
  return {};
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function isWebp(bytes: Buffer): boolean {
  return bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP';
}

function prefixed(fields: Record<string, string>): EmbeddedText {
  const text: EmbeddedText = {};
  for (const [name, value] of Object.entries(fields)) text[`exif:${name}`] = value;
  return text;
}

/** JPEG segments up to the start of scan: APP1 "Exif\0\0" and COM. */
export function jpegSegments(bytes: Buffer): Array<{ marker: number; start: number; end: number }> {
  const segments: Array<{ marker: number; start: number; end: number }> = [];
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const end = offset + 2 + bytes.readUInt16BE(offset + 2);
    if (end > bytes.length) break;
    segments.push({ marker, start: offset, end });
    if (marker === 0xda || marker === 0xd9) break;
    offset = end;
  }
  return segments;
}

function readJpegText(bytes: Buffer): EmbeddedText {
  let text: EmbeddedText = {};
  let comments = 0;
  for (const segment of jpegSegments(bytes)) {
    const data = bytes.subarray(segment.start + 4, segment.end);
    if (segment.marker === 0xe1 && data.toString('latin1', 0, 6) === 'Exif\0\0')
      text = { ...text, ...prefixed(readExifText(data)) };
    else if (segment.marker === 0xfe) text[`jpeg:comment${comments++ || ''}`] = decodeText(data);
  }
  return text;
}

/** RIFF chunks of a WebP file, each with its four-character id. */
export function webpChunks(bytes: Buffer): Array<{ id: string; start: number; end: number }> {
  const chunks: Array<{ id: string; start: number; end: number }> = [];
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const end = offset + 8 + size + (size % 2);
    if (offset + 8 + size > bytes.length) break;
    chunks.push({ id, start: offset, end: Math.min(end, bytes.length) });
    offset = end;
  }
  return chunks;
}

function readWebpText(bytes: Buffer): EmbeddedText {
  let text: EmbeddedText = {};
  for (const chunk of webpChunks(bytes)) {
    const size = bytes.readUInt32LE(chunk.start + 4);
    const data = bytes.subarray(chunk.start + 8, chunk.start + 8 + size);
    if (chunk.id === 'EXIF') text = { ...text, ...prefixed(readExifText(data)) };
    else if (chunk.id === 'XMP ') {
      const ours = atelierFromXmp(data.toString('utf8'));
      if (ours !== null) text = { ...text, 'xmp:atelier': `atelier:${ours}` };
    }
  }
  return text;
}

/**
 * Our JSON as a minimal XMP packet: where a WebP already holds another tool's EXIF, XMP is the block
 * left for ours (the value is XML-escaped text, so any XMP reader can parse the packet).
 */
export function atelierXmpPacket(json: string): string {
  const escaped = json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:atelier="${atelierXmpNamespace}">` +
    `<atelier:record>${escaped}</atelier:record>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
  );
}

const atelierXmpNamespace = 'urn:atelier:metadata:1';

function atelierFromXmp(xmp: string): string | null {
  if (!xmp.includes(atelierXmpNamespace)) return null;
  const match = /<atelier:record>([\s\S]*?)<\/atelier:record>/.exec(xmp);
  if (!match) return null;
  return match[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
