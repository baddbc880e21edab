// The Content-Security-Policy the renderer runs under, in Electron (app://) and in the browser harness.
// No inline script, no eval, no remote code; images only from our own origin (media is served by id),
// data: and blob: for pasted and painted images.
export function contentSecurityPolicy(extraConnectSrc: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${extraConnectSrc.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
