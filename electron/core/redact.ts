// Keys must never reach a log line, an error message or crash output. Every secret the core
// learns is registered here; anything printed or sent to the renderer passes through redact().
const knownSecrets = new Set<string>();

/** Register a secret so that every later redact() hides it. Short strings are ignored (too many false hits). */
export function registerSecret(secret: string | null | undefined): void {
  if (secret && secret.length >= 8) knownSecrets.add(secret);
}

export function forgetSecret(secret: string): void {
  knownSecrets.delete(secret);
}

// Patterns catch keys the core never saw (a key pasted into a base URL, one echoed back by a server).
const authSchemePattern = /\b(Bearer|Key|Token|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const keyHeaderPattern = /\b((?:x-api-key|api-key|x-goog-api-key|x-key)["']?\s*[:=]\s*["']?)[^\s"',;}]{8,}/gi;
const jsonKeyPattern = /("(?:api_?key|apiKey|access_token|token|key|secret)"\s*:\s*")[^"]{8,}(")/gi;
const queryKeyPattern = /([?&](?:api[_-]?key|key|token|access_token)=)[^&#\s]+/gi;
const urlPasswordPattern = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+(@)/gi;

export function redact(text: string): string {
  let result = text;
  // Longest first, so a secret that contains another registered one is hidden whole.
  for (const secret of [...knownSecrets].sort((a, b) => b.length - a.length)) {
    if (result.includes(secret)) result = result.split(secret).join(mask(secret));
  }
  return result
    .replace(authSchemePattern, '$1 ***')
    .replace(keyHeaderPattern, '$1***')
    .replace(jsonKeyPattern, '$1***$2')
    .replace(queryKeyPattern, '$1***')
    .replace(urlPasswordPattern, '$1***$2');
}

/** redact() for anything about to be logged or serialised: errors keep their stack, objects their shape. */
export function redactValue(value: unknown): string {
  if (value instanceof Error) return redact(value.stack ?? `${value.name}: ${value.message}`);
  if (typeof value === 'string') return redact(value);
  try {
    return redact(JSON.stringify(value));
  } catch {
    return redact(String(value));
  }
}

function mask(secret: string): string {
  return `***${secret.slice(-4)}`;
}
