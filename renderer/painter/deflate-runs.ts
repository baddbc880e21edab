// A deflate stream (RFC 1951) made only of runs, for the mask's PNG: a painted mask is long rows of 0 or 255 with
// short soft edges, and the same edges again one row down. So each position is either a literal, a repeat of the
// byte before it (distance 1), or a repeat of the row above (distance = one PNG row); all in one block with the
// fixed Huffman codes. No hash chains, one pass: a 4096² mask takes tens of milliseconds where fflate's general
// LZ77 took 330–650 ms and the page's CompressionStream 220–440 ms on this machine (bench/painter.ts, issue 13).

const maxMatch = 258;
const maxDistance = 32768;

/** `code`'s low `length` bits, reversed: Huffman codes go into the stream most significant bit first. */
function reversed(code: number, length: number): number {
  let out = 0;
  for (let bit = 0; bit < length; bit++) out |= ((code >> bit) & 1) << (length - 1 - bit);
  return out;
}

// Fixed literal/length codes (RFC 1951, 3.2.6): 0–143 in 8 bits from 0x30, 144–255 in 9 bits from 0x190,
// 256–279 in 7 bits from 0, 280–287 in 8 bits from 0xc0.
function fixedLiteralCode(symbol: number): { bits: number; length: number } {
  if (symbol < 144) return { bits: reversed(0x30 + symbol, 8), length: 8 };
  if (symbol < 256) return { bits: reversed(0x190 + symbol - 144, 9), length: 9 };
  if (symbol < 280) return { bits: reversed(symbol - 256, 7), length: 7 };
  return { bits: reversed(0xc0 + symbol - 280, 8), length: 8 };
}

const literalBits = new Uint32Array(256);
const literalLengths = new Uint8Array(256);
for (let byte = 0; byte < 256; byte++) {
  const code = fixedLiteralCode(byte);
  literalBits[byte] = code.bits;
  literalLengths[byte] = code.length;
}

// Match lengths 3–258: symbol 257 + index, with `extra` bits above `base` (RFC 1951, 3.2.5).
const lengthBase = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/** Per match length: its symbol's code with the extra bits above it, and how many bits that is. */
const matchBits = new Uint32Array(maxMatch + 1);
const matchLengths = new Uint8Array(maxMatch + 1);
for (let index = 0; index < lengthBase.length; index++) {
  const code = fixedLiteralCode(257 + index);
  const last = index + 1 < lengthBase.length ? lengthBase[index + 1]! - 1 : maxMatch;
  // 258 has a symbol of its own (285); 227 + 31 extra would also reach it, but 285 is the one inflaters expect.
  for (let length = lengthBase[index]!; length <= Math.min(last, maxMatch); length++) {
    matchBits[length] = code.bits | ((length - lengthBase[index]!) << code.length);
    matchLengths[length] = code.length + lengthExtra[index]!;
  }
}

const distanceBase = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
];

/** A distance's fixed 5-bit code with its extra bits above it, and how many bits that is. */
function distanceCode(distance: number): { bits: number; length: number } {
  let index = distanceBase.length - 1;
  while (distanceBase[index]! > distance) index--;
  const extra = index < 4 ? 0 : (index >> 1) - 1;
  return { bits: reversed(index, 5) | ((distance - distanceBase[index]!) << 5), length: 5 + extra };
}

/**
 * `input` deflated (raw deflate, no zlib header). `rowBytes` is the distance at which the data repeats best (a PNG
 * row with its filter byte); it is ignored when it is beyond deflate's 32 KiB window.
 */
export function deflateRuns(input: Uint8Array, rowBytes: number): Uint8Array {
  const total = input.length;
  // Worst case: every byte a 9-bit literal, plus the block header and end code.
  const out = new Uint8Array(Math.ceil((total * 9) / 8) + 16);
  let at = 0;
  // Bits not yet written, lowest first; never more than 7 + 18 of them. Kept in locals (not a helper closing over
  // them) so V8 holds them in registers: the helper version took twice as long.
  let pending = 0b011; // the last block, fixed Huffman codes
  let pendingBits = 3;
  const near = distanceCode(1);
  const row = rowBytes >= 2 && rowBytes <= maxDistance ? distanceCode(rowBytes) : null;
  const rowDistanceBits = row ? row.bits : 0;
  const rowDistanceLength = row ? row.length : 0;
  let position = 0;
  while (position < total) {
    const limit = Math.min(maxMatch, total - position);
    let run = 0;
    if (position >= 1) {
      const previous = input[position - 1];
      while (run < limit && input[position + run] === previous) run++;
    }
    let above = 0;
    if (row && run < limit && position >= rowBytes) {
      const from = position - rowBytes;
      while (above < limit && input[position + above] === input[from + above]) above++;
    }
    if (run >= 3 || above >= 3) {
      const length = run >= above ? run : above;
      pending |= matchBits[length]! << pendingBits;
      pendingBits += matchLengths[length]!;
      while (pendingBits >= 8) {
        out[at++] = pending & 0xff;
        pending >>>= 8;
        pendingBits -= 8;
      }
      pending |= (run >= above ? near.bits : rowDistanceBits) << pendingBits;
      pendingBits += run >= above ? near.length : rowDistanceLength;
      position += length;
    } else {
      const byte = input[position++]!;
      pending |= literalBits[byte]! << pendingBits;
      pendingBits += literalLengths[byte]!;
    }
    while (pendingBits >= 8) {
      out[at++] = pending & 0xff;
      pending >>>= 8;
      pendingBits -= 8;
    }
  }
  // End of block: symbol 256 is seven zero bits, so only the bits already pending remain to be written.
  pendingBits += 7;
  while (pendingBits > 0) {
    out[at++] = pending & 0xff;
    pending >>>= 8;
    pendingBits -= 8;
  }
  return out.subarray(0, at);
}
