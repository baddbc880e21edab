// Sizes and money in the user's language (Intl's own units and currency formats).

const units = [
  ['gigabyte', 1024 ** 3],
  ['megabyte', 1024 ** 2],
  ['kilobyte', 1024],
] as const;

/** A file size: the largest unit that keeps it at 1 or more, bytes below a kilobyte. */
export function formatBytes(bytes: number, language: string): string {
  for (const [unit, size] of units)
    if (bytes >= size)
      return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'byte' }).format(bytes);
}

/**
 * A cost in US dollars, to the cent or finer (image prices run to fractions of a cent), or null for
 * nothing charged: the caller says "free" in words, never "$0.0000".
 */
export function formatUsd(usd: number | null, language: string): string | null {
  if (usd === null || usd <= 0) return null;
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: usd < 1 ? 4 : 2,
  }).format(usd);
}
