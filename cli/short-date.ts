/** A contract date (ISO 8601, UTC) as the CLI's tables print it: '2026-01-02 03:04:05', or '-' for none. */
export function shortDate(iso: string | null): string {
  return iso === null ? '-' : iso.slice(0, 19).replace('T', ' ');
}
