/**
 * The build-dependent part of the Content-Security-Policy, carried by each page's
 * `<meta http-equiv="content-security-policy">` (Astro's `security.csp` writes it, with the hashes of every
 * inline script and style it emits). Which other hosts a page may reach comes from the build's configuration:
 * the Supabase API (PUBLIC_SUPABASE_URL) and the configured map's tile hosts (PUBLIC_MAP_BASE, see
 * src/lib/map/base-layers.ts). No 'unsafe-inline' anywhere.
 */
import { createHash } from 'node:crypto';
import type { BaseSpec } from '../map/base-layers.ts';

/** The origins a base map's tiles come from: every `{s}` subdomain spelled out. */
export function tileOrigins(spec: BaseSpec): string[] {
  const origins = spec.tiles.flatMap((tile) => {
    const subdomains = tile.url.includes('{s}') ? [...tile.subdomains] : [''];
    return subdomains.map((s) => new URL(tile.url.replace('{s}', s).replace(/\{[xyz]\}/g, '0')).origin);
  });
  return [...new Set(origins)];
}

export interface PageCspInput {
  /** PUBLIC_SUPABASE_URL: the API the browser calls. */
  supabaseUrl: string;
  /** Where map tiles may be loaded from (tileOrigins()). */
  tileOrigins: string[];
}

/** The directives besides script-src / style-src (Astro adds those with its hashes). */
export function pageCspDirectives({ supabaseUrl, tileOrigins }: PageCspInput): string[] {
  const api = new URL(supabaseUrl).origin;
  return [
    "default-src 'self'",
    `connect-src 'self' ${api}`,
    // data: for the few icons Leaflet's stylesheet embeds.
    ['img-src', "'self'", 'data:', ...tileOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
}

/** A CSP hash source (`sha256-…`) of an inline script's or style's exact text. */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
