// Text whose encoding a file does not say. PNG's tEXt is Latin-1 by the book, but most generators
// write UTF-8 into it (a Japanese prompt would come out as mojibake read as Latin-1): bytes that are
// valid UTF-8 are read as UTF-8, anything else as Latin-1, which never fails.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Trailing NULs (some tools count the C string's terminator in the length) are dropped. */
export function decodeText(bytes: Buffer): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  return text.replace(/^\0+|\0+$/g, '');
}
