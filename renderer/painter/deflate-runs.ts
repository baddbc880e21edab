// The zlib stream (RFC 1950/1951) of a greyscale PNG's scanlines, made only of runs: a painted mask is long rows
// of 0 or 255 with short soft edges, and the same edges again one row down. So each position is a literal, a repeat
// of the byte before it (distance 1), or a repeat of the row above (distance = one PNG row); one block with the
// fixed Huffman codes. No hash chains and one pass over the mask: no scanline copy, Adler-32 summed as it goes (a
// run's sum in one step). A 4096² mask took fflate's general LZ77 330–650 ms and the page's CompressionStream
// 220–440 ms on this machine, over the 300 ms export budget (bench/painter.ts, issue 13).

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
 * The zlib stream of `pixels` (one byte a pixel, `width` a row) as PNG scanlines, each row after its filter byte 0
 * (none). Matches never cross a row's end, so each row is read where it lies in `pixels`.
 */
export function zlibScanlines(width: number, height: number, pixels: Uint8Array): Uint8Array {
  const stride = width + 1;
  // A row writes at most 9 bits a byte (a literal; matches cost less a byte). The buffer starts at a tenth of
  // that for the whole mask, a mask deflating far smaller, and doubles when a row might not fit.
  const rowMost = Math.ceil((stride * 9) / 8) + 8;
  let out = new Uint8Array(Math.max(rowMost * 2, Math.ceil((rowMost * height) / 10)) + 16);
  out[0] = 0x78; // deflate, 32 KiB window
  out[1] = 0x01; // "fastest" level hint; 0x7801 is a multiple of 31 as RFC 1950 asks
  let at = 2;
  // Bits not yet written, lowest first: after each flush fewer than 8, so a length code (13) or a distance (18)
  // always fits. Kept in locals, not in a helper closing over them: V8 then keeps them in registers.
  let pending = 0b011; // the last block, fixed Huffman codes
  let pendingBits = 3;
  // Adler-32 of the scanlines. Reduced at least every 1000 bytes (and after every run), so a and b stay below 2³⁰: small integers for V8.
  let a = 1;
  let b = 0;
  let sinceReduced = 0;
  const near = distanceCode(1);
  const up = stride <= maxDistance ? distanceCode(stride) : null;
  const filterBits = literalBits[0]!;
  const filterLength = literalLengths[0]!;
  for (let y = 0; y < height; y++) {
    const rowStart = y * width;
    const rowEnd = rowStart + width;
    if (out.length - at < rowMost + 8) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out.subarray(0, at));
      out = grown;
    }
    pending |= filterBits << pendingBits; // the filter byte, 0
    pendingBits += filterLength;
    b += a;
    sinceReduced++;
    let x = rowStart;
    while (x < rowEnd) {
      while (pendingBits >= 8) {
        out[at++] = pending & 0xff;
        pending >>>= 8;
        pendingBits -= 8;
      }
      // Before a row's first pixel comes its filter byte, 0.
      const previous = x > rowStart ? pixels[x - 1]! : 0;
      let runEnd = x;
      while (runEnd < rowEnd && pixels[runEnd] === previous) runEnd++;
      let run = runEnd - x;
      if (run >= 3) {
        x = runEnd;
        while (run > 0) {
          // The run's sum in one step, a piece at a time (at most 258 bytes), so nothing leaves 31 bits.
          const length = run < maxMatch ? run : maxMatch;
          a %= 65521;
          b = (b + length * a + previous * ((length * (length + 1)) >> 1)) % 65521;
          a += previous * length;
          if (length < 3) {
            // One or two bytes left over: literals.
            for (let left = length; left > 0; left--) {
              pending |= literalBits[previous]! << pendingBits;
              pendingBits += literalLengths[previous]!;
              while (pendingBits >= 8) {
                out[at++] = pending & 0xff;
                pending >>>= 8;
                pendingBits -= 8;
              }
            }
            break;
          }
          pending |= matchBits[length]! << pendingBits;
          pendingBits += matchLengths[length]!;
          while (pendingBits >= 8) {
            out[at++] = pending & 0xff;
            pending >>>= 8;
            pendingBits -= 8;
          }
          pending |= near.bits << pendingBits;
          pendingBits += near.length;
          while (pendingBits >= 8) {
            out[at++] = pending & 0xff;
            pending >>>= 8;
            pendingBits -= 8;
          }
          run -= length;
        }
        a %= 65521;
        sinceReduced = 0;
        continue;
      }
      if (up && y > 0) {
        const limit = Math.min(maxMatch, rowEnd - x);
        let above = 0;
        while (above < limit && pixels[x + above] === pixels[x + above - width]) above++;
        if (above >= 3) {
          pending |= matchBits[above]! << pendingBits;
          pendingBits += matchLengths[above]!;
          while (pendingBits >= 8) {
            out[at++] = pending & 0xff;
            pending >>>= 8;
            pendingBits -= 8;
          }
          pending |= up.bits << pendingBits;
          pendingBits += up.length;
          const matchEnd = x + above;
          for (; x < matchEnd; x++) {
            a += pixels[x]!;
            b += a;
          }
          sinceReduced += above;
          if (sinceReduced >= 1000) {
            a %= 65521;
            b %= 65521;
            sinceReduced = 0;
          }
          continue;
        }
      }
      const byte = pixels[x++]!;
      pending |= literalBits[byte]! << pendingBits;
      pendingBits += literalLengths[byte]!;
      a += byte;
      b += a;
      if (++sinceReduced >= 1000) {
        a %= 65521;
        b %= 65521;
        sinceReduced = 0;
      }
    }
  }
  // End of block: symbol 256 is seven zero bits, so only the bits already pending remain to be written.
  pendingBits += 7;
  while (pendingBits > 0) {
    out[at++] = pending & 0xff;
    pending >>>= 8;
    pendingBits -= 8;
  }
  const checksum = (((b % 65521) << 16) | (a % 65521)) >>> 0;
  out[at++] = checksum >>> 24;
  out[at++] = (checksum >>> 16) & 0xff;
  out[at++] = (checksum >>> 8) & 0xff;
  out[at++] = checksum & 0xff;
  return out.subarray(0, at);
}

/**
 * Runs every path of the encoder once on a small mask, when the page loads. V8 compiles the loop while the first
 * big mask is still being encoded; a path it has not seen by then (a leftover literal, the buffer growing, a sum
 * being reduced) throws that code away again: five times on the first 4096² mask, which took twice as long as the
 * next one. Type feedback gathered here first avoids that (under a millisecond).
 */
function warmUp(): void {
  const width = 700;
  const height = 12;
  const sample = new Uint8Array(width * height);
  let noise = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      noise = (Math.imul(noise, 1103515245) + 12345) >>> 0;
      const soft = x < 259 ? 0 : x < 300 ? (x - 259) * 6 : x < 560 ? 255 : (x * 7) & 255;
      sample[y * width + x] = y % 3 === 0 ? noise >>> 24 : soft;
    }
  }
  zlibScanlines(width, height, sample);
}
warmUp();
