// PNG text chunks (tEXt, zTXt, iTXt) wherever they sit: before the image data, where most tools put
// them, or after it, where some write them (and where sharp's `comments` does not look). Compressed
// text is inflated with a cap, so a chunk that would inflate to gigabytes costs at most the cap.
import { inflateSync } from 'node:zlib';
import { decodeText } from './text-decoding';

export const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The most text one file's chunks may inflate to, all together; ComfyUI workflows run to a few MB. */
export const maxInflatedTextBytes = 16 * 1024 * 1024;

interface PngChunk {
  type: string;
  /** Offset of the chunk's length field in the file. */
  start: number;
  /** Offset just past its CRC. */
  end: number;
}

export function isPng(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(pngSignature);
}

/** Every whole chunk up to IEND; a chunk cut short by the end of the file ends the walk. */
function pngChunks(bytes: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) break;
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    chunks.push({ type, start: offset, end });
    offset = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

const textChunkTypes = new Set(['tEXt', 'zTXt', 'iTXt']);

/** Text chunks by keyword, in file order (a later chunk with the same keyword wins). */
export function readPngText(bytes: Buffer): Record<string, string> {
  const text: Record<string, string> = {};
  if (!isPng(bytes)) return text;
  let budget = maxInflatedTextBytes;
  for (const chunk of pngChunks(bytes)) {
    if (!textChunkTypes.has(chunk.type)) continue;
    const data = bytes.subarray(chunk.start + 8, chunk.end - 4);
    const entry = parseTextChunk(chunk.type, data, budget);
    if (!entry) continue;
    budget -= entry.inflated;
    text[entry.keyword] = entry.text;
  }
  return text;
}

function parseTextChunk(
  type: string,
  data: Buffer,
  budget: number,
): { keyword: string; text: string; inflated: number } | null {
  const nul = data.indexOf(0);
  if (nul <= 0) return null;
  const keyword = data.toString('latin1', 0, nul);
  if (type === 'tEXt') return { keyword, text: decodeText(data.subarray(nul + 1)), inflated: 0 };
  if (type === 'zTXt') {
    const inflated = inflateCapped(data.subarray(nul + 2), budget);
    return inflated && { keyword, text: decodeText(inflated), inflated: inflated.length };
  }
  // iTXt: keyword, compression flag, method, language tag NUL, translated keyword NUL, text (UTF-8).
  const compressed = data[nul + 1] === 1;
  const languageEnd = data.indexOf(0, nul + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  const body = data.subarray(translatedEnd + 1);
  if (!compressed) return { keyword, text: body.toString('utf8'), inflated: 0 };
  const inflated = inflateCapped(body, budget);
  return inflated && { keyword, text: inflated.toString('utf8'), inflated: inflated.length };
}

/** Null when the stream is damaged or would inflate past what is left of the budget. */
function inflateCapped(compressed: Buffer, budget: number): Buffer | null {
  if (budget <= 0) return null;
  try {
    return inflateSync(compressed, { maxOutputLength: budget });
  } catch {
    return null;
  }
}
