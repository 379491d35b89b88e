/**
 * The HTTP security headers of the site: one source for the static server (`npm start`, browser tests), the
 * `_headers` file the build writes into dist/ (Netlify, Cloudflare Pages) and the nginx/Caddy blocks in
 * docs/deploy.md (a test checks that they agree).
 *
 * These headers are the same for every build. The parts of the Content-Security-Policy that depend on the build
 * (hashes of inline scripts and styles, the Supabase API origin, map tile hosts) travel in each page's
 * `<meta http-equiv="content-security-policy">` (see ./csp.ts); the header adds what a meta element cannot carry
 * (`frame-ancestors`). A browser enforces both policies.
 */

/** Pages that may use the camera (scanning a confirmation code at a lecture's check-in); every other page may not. */
const CAMERA_PATHS = ['/staff/lectures/', '/en/staff/lectures/'] as const;

/** The header part of the Content-Security-Policy (no script or style sources here: the pages' meta has those). */
const HEADER_CSP = [
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

function permissionsPolicy(camera: boolean): string {
  return [
    `camera=${camera ? '(self)' : '()'}`,
    'geolocation=(self)',
    'microphone=()',
    'payment=()',
    'usb=()',
  ].join(', ');
}

const COMMON: Readonly<Record<string, string>> = {
  'Content-Security-Policy': HEADER_CSP,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

function usesCamera(pathname: string): boolean {
  return CAMERA_PATHS.some((p) => pathname.startsWith(p));
}

/** Every security header for a response to `pathname` (a URL path, e.g. `/en/map/`). */
export function securityHeaders(pathname: string): Record<string, string> {
  return { ...COMMON, 'Permissions-Policy': permissionsPolicy(usesCamera(pathname)) };
}

/**
 * The `_headers` file for static hosts. Rules overlap (`/*` and the camera paths): Netlify applies the last
 * matching rule's value of a header; Cloudflare Pages joins the values with a comma, and Permissions-Policy is a
 * structured-field dictionary in which the last value of a key wins. Either way the camera paths get `camera=(self)`.
 */
export function headersFile(): string {
  const block = (path: string, headers: Record<string, string>) =>
    [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  return `${[
    '# Written by the build from src/lib/security/headers.ts: do not edit here.',
    block('/*', securityHeaders('/')),
    ...CAMERA_PATHS.map((p) => block(`${p}*`, { 'Permissions-Policy': permissionsPolicy(true) })),
  ].join('\n\n')}\n`;
}
