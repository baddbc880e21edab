// Reads a JSON answer whose named string fields carry large base64 data (a GPT image's b64_json, ≈4.4 MB) chunk by
// chunk as it arrives: those strings are decoded to bytes on the way and kept out of the text JSON.parse sees. Read
// whole, such an answer cost the main thread one UTF-8 decode of 4.4 MB and one JSON.parse of it in a single task
// (≈12 ms each on the bench machine, profiled in bench/jobs.ts), then a base64 decode: the UI's IPC waited meanwhile.

/** Stands in for a decoded field in the text parsed; written as a JSON escape, so no answer's own text matches it. */
const marker = '\u0000atelier-base64:';
const quote = 0x22;
const backslash = 0x5c;

export class Base64FieldReader {
  /** The answer's text without the decoded fields' data. */
  private readonly text: Buffer[] = [];
  private readonly decoded: Buffer[] = [];
  /** The field being decoded: its bytes so far, and up to three base64 characters not yet a whole group. */
  private field: Buffer[] | null = null;
  private carry = '';
  private escaped = false;
  /** Outside the fields: inside a string, after a backslash there, the short string read (a key), what follows. */
  private inString = false;
  private stringEscape = false;
  private token: number[] | null = null;
  private afterKey: 0 | 1 | 2 = 0;

  constructor(private readonly fields: readonly string[]) {}

  push(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let position = 0;
    while (position < bytes.length) {
      position = this.field ? this.readField(bytes, position) : this.readText(bytes, position);
    }
  }

  /** The parsed answer, each decoded field a Buffer; throws as JSON.parse does on text that is not JSON. */
  finish(): unknown {
    if (this.field) throw new SyntaxError('The answer ended inside a string.');
    const text = Buffer.concat(this.text).toString('utf8');
    if (text.trim() === '') return null;
    return JSON.parse(text, (_key, value: unknown) =>
      typeof value === 'string' && value.startsWith(marker) ? this.decoded[Number(value.slice(marker.length))] : value,
    );
  }

  /** Copies text through until a named field's string value opens; answers where it stopped. */
  private readText(bytes: Buffer, from: number): number {
    for (let index = from; index < bytes.length; index++) {
      const byte = bytes[index]!;
      if (this.inString) {
        if (this.stringEscape) this.stringEscape = false;
        else if (byte === backslash) this.stringEscape = true;
        else if (byte === quote) {
          this.inString = false;
          const name = this.token ? String.fromCharCode(...this.token) : null;
          this.afterKey = name !== null && this.fields.includes(name) ? 1 : 0;
          continue;
        }
        if (this.token) {
          if (this.token.length < 64) this.token.push(byte);
          else this.token = null;
        }
        continue;
      }
      if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
      if (this.afterKey === 1 && byte === 0x3a) {
        this.afterKey = 2;
        continue;
      }
      if (this.afterKey === 2 && byte === quote) {
        // The field's value: its text becomes a marker, its data is decoded as it comes.
        this.text.push(bytes.subarray(from, index), Buffer.from(JSON.stringify(`${marker}${this.decoded.length}`)));
        this.field = [];
        return index + 1;
      }
      this.afterKey = 0;
      if (byte === quote) {
        this.inString = true;
        this.token = [];
      }
    }
    this.text.push(bytes.subarray(from));
    return bytes.length;
  }

  /** Decodes the field's base64 up to its closing quote (JSON may escape `/` as `\/`); answers where it stopped. */
  private readField(bytes: Buffer, from: number): number {
    let index = from;
    if (this.escaped) {
      this.escaped = false;
      // `\/` is a slash; escaped line breaks are whitespace, which base64 skips; any other escape is not base64 data.
      if (bytes[index] === 0x2f) this.decode('/');
      index++;
    }
    const end = bytes.indexOf(quote, index);
    const stop = end < 0 ? bytes.length : end;
    const escape = bytes.indexOf(backslash, index);
    if (escape >= 0 && escape < stop) {
      this.decode(bytes.toString('latin1', index, escape));
      this.escaped = true;
      return escape + 1;
    }
    this.decode(bytes.toString('latin1', index, stop));
    if (end < 0) return bytes.length;
    if (this.carry) this.field!.push(Buffer.from(this.carry, 'base64'));
    this.decoded.push(Buffer.concat(this.field!));
    this.field = null;
    this.carry = '';
    return end + 1;
  }

  /** Decodes whole groups of four characters, keeping the rest for the next piece. */
  private decode(characters: string): void {
    const all = this.carry + characters;
    const whole = all.length - (all.length % 4);
    if (whole > 0) this.field!.push(Buffer.from(all.slice(0, whole), 'base64'));
    this.carry = all.slice(whole);
  }
}
