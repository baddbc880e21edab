// Sizes and money in the user's language (Intl's own units and currency formats).

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * One Intl.NumberFormat per language and options, made once: making one costs far more than using it (the first
 * in a page loads the language's data, ≈30 ms measured when the gallery opens; bench/gallery-ui.ts).
 */
export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(language, options)));
  return format;
}

const units = [
  ['gigabyte', 1024 ** 3],
  ['megabyte', 1024 ** 2],
  ['kilobyte', 1024],
] as const;

/** A file size: the largest unit that keeps it at 1 or more, bytes below a kilobyte. */
export function formatBytes(bytes: number, language: string): string {
  for (const [unit, size] of units)
    if (bytes >= size)
      return numberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
  return numberFormat(language, { style: 'unit', unit: 'byte' }).format(bytes);
}

/**
 * A cost in US dollars, to the cent or finer (image prices run to fractions of a cent), or null for
 * nothing charged: the caller says "free" in words, never "$0.0000".
 */
export function formatUsd(usd: number | null, language: string): string | null {
  if (usd === null || usd <= 0) return null;
  return numberFormat(language, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: usd < 1 ? 4 : 2,
  }).format(usd);
}
