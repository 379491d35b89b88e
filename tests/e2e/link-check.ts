/**
 * Link check over a built site: every internal href / src / action in every HTML file must resolve to a file of
 * the same build, and every #fragment to an id on the target page. Used for dist/ and for the second district's
 * build (district-example.desktop.test.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ORIGIN = 'http://site.invalid';

/** Site path → the file a static host serves for it (directory → index.html), or null. */
function fileFor(DIST: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const full = join(DIST, decoded);
  if (!full.startsWith(DIST)) return null;
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = join(full, 'index.html');
  return existsSync(index) ? index : null;
}

const htmlCache = new Map<string, string>();
const read = (file: string) =>
  htmlCache.get(file) ?? htmlCache.set(file, readFileSync(file, 'utf8')).get(file)!;

function ids(html: string): Set<string> {
  const out = new Set<string>();
  for (const m of html.matchAll(/\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g))
    out.add(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** href, src and action values, without <script>/<style> bodies; entities in attribute values decoded. */
export function references(html: string): string[] {
  const markup = html
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>')
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '');
  const out: string[] = [];
  for (const m of markup.matchAll(
    /\s(?:href|src|action|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi,
  )) {
    out.push(
      (m[1] ?? m[2] ?? m[3]!)
        .replace(/&amp;/g, '&')
        .replace(/&#38;/g, '&')
        .replace(/&quot;/g, '"'),
    );
  }
  for (const m of markup.matchAll(/\ssrcset\s*=\s*"([^"]*)"/gi)) {
    for (const part of m[1]!.split(',')) out.push(part.trim().split(/\s+/)[0]!);
  }
  return out;
}

/** Every page of a build as a site path (`/`, `/en/facilities/x/`, `/404.html`), sorted. */
export function pagesOf(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) out.push(full);
    }
  };
  walk(dist);
  return out
    .map((file) => `/${relative(dist, file).split(sep).join('/')}`)
    .map((p) => p.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

/** The broken references of the build in `DIST` (one line each) and how many references were checked. */
export function brokenLinks(DIST: string): { broken: string[]; checked: number; pages: number } {
  const pages = pagesOf(DIST);
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    const file = fileFor(DIST, page)!;
    const html = read(file);
    const base = new URL(page, ORIGIN);
    for (const ref of references(html)) {
      if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) continue; // external, tel:, mailto:, data:
      checked++;
      const url = new URL(ref, base);
      const target =
        url.pathname === base.pathname && !ref.replace(/[?#].*$/, '') ? file : fileFor(DIST, url.pathname);
      if (!target) {
        broken.push(`${page}: "${ref}" → ${url.pathname} is not in the build`);
        continue;
      }
      const hash = decodeURIComponent(url.hash.slice(1));
      // A fragment such as #f=<id> is state the page's script reads (the map opens that facility), not an anchor:
      // check that it names a real facility page instead.
      const state = /^f=(.+)$/.exec(hash);
      if (state) {
        if (!fileFor(DIST, `${url.pathname.startsWith('/en/') ? '/en' : ''}/facilities/${state[1]}/`))
          broken.push(`${page}: "${ref}" → no facility ${state[1]}`);
        continue;
      }
      if (hash && target.endsWith('.html') && !ids(read(target)).has(hash)) {
        broken.push(`${page}: "${ref}" → no id="${hash}" in ${url.pathname}`);
      }
    }
  }
  return { broken, checked, pages: pages.length };
}

/** The file a static host serves for a site path in `dist`, or null. */
export const servedFile = (dist: string, pathname: string) => fileFor(dist, pathname);
