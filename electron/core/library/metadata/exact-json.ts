// JSON.parse loses integers beyond 2^53, and ComfyUI and Fooocus seeds often are (up to 2^64). Before
// parsing, every integer literal too long to be exact as a number is turned into a string of its
// digits; string literals are skipped over, so their content is never touched.
const maxSafeDigits = 15;

function parseJsonExact(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

/** The parsed value, or undefined when the text is not JSON. */
export function tryJsonExact(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) return undefined;
  try {
    return parseJsonExact(trimmed);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quoteLongIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  const parts: string[] = [];
  let copiedUpTo = 0;
  let index = 0;
  while (index < text.length) {
    const character = text.charCodeAt(index);
    if (character === 0x22 /* " */) {
      index++;
      while (index < text.length && text.charCodeAt(index) !== 0x22) index += text.charCodeAt(index) === 0x5c ? 2 : 1;
      index++;
      continue;
    }
    if (character === 0x2d /* - */ || (character >= 0x30 && character <= 0x39)) {
      const start = index;
      index++;
      while (index < text.length && isNumberCharacter(text.charCodeAt(index))) index++;
      const literal = text.slice(start, index);
      if (/^-?\d+$/.test(literal) && literal.replace('-', '').length > maxSafeDigits) {
        parts.push(text.slice(copiedUpTo, start), `"${literal}"`);
        copiedUpTo = index;
      }
      continue;
    }
    index++;
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

function isNumberCharacter(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === 0x2d
  );
}
