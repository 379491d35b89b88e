/**
 * Checks of the built files (desktop project only: no browser differences to see). Link check over the built site: every internal href / src / action in every dist/ HTML file
 * must resolve to a file in dist/, and every #fragment to an id on the target page. Reports all problems at once.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';
import { DIST, distPages, facilities, tr, zh } from './data.ts';

const ORIGIN = 'http://site.invalid';

/** Site path → the file a static host serves for it (directory → index.html), or null. */
function fileFor(pathname: string): string | null {
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
function references(html: string): string[] {
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

test('every internal link, script and form target in dist/ resolves', async () => {
  const pages = distPages();
  expect(pages.length).toBeGreaterThan(10);
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    const file = fileFor(page)!;
    const html = read(file);
    const base = new URL(page, ORIGIN);
    for (const ref of references(html)) {
      if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) continue; // external, tel:, mailto:, data:
      checked++;
      const url = new URL(ref, base);
      const target =
        url.pathname === base.pathname && !ref.replace(/[?#].*$/, '') ? file : fileFor(url.pathname);
      if (!target) {
        broken.push(`${page}: "${ref}" → ${url.pathname} is not in dist/`);
        continue;
      }
      const hash = decodeURIComponent(url.hash.slice(1));
      // A fragment such as #f=<id> is state the page's script reads (the map opens that facility), not an anchor:
      // check that it names a real facility page instead.
      const state = /^f=(.+)$/.exec(hash);
      if (state) {
        if (!fileFor(`${url.pathname.startsWith('/en/') ? '/en' : ''}/facilities/${state[1]}/`))
          broken.push(`${page}: "${ref}" → no facility ${state[1]}`);
        continue;
      }
      if (hash && target.endsWith('.html') && !ids(read(target)).has(hash)) {
        broken.push(`${page}: "${ref}" → no id="${hash}" in ${url.pathname}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(pages.length * 10);
  expect(broken, `${broken.length} broken internal links:\n${broken.join('\n')}`).toEqual([]);
});

test('an unknown address answers 404 with the bilingual not-found page', async ({ request }) => {
  const response = await request.get('/no-such-page/');
  expect(response.status()).toBe(404);
  const html = await response.text();
  expect(html).toContain(zh('notFound.title'));
  expect(html).toContain(tr('en', 'notFound.title'));
  expect(html).toBe(readFileSync(join(DIST, '404.html'), 'utf8'));
});

test('browsers find an icon (otherwise Chromium logs a /favicon.ico 404 as a console error)', async () => {
  const missing = distPages().filter((page) => {
    const icon = /<link\b[^>]*\brel="(?:shortcut )?icon"[^>]*\bhref="([^"]+)"/i.exec(
      read(fileFor(page)!),
    )?.[1];
    if (icon) return !(icon.startsWith('data:') || fileFor(new URL(icon, new URL(page, ORIGIN)).pathname));
    return !fileFor('/favicon.ico');
  });
  expect(missing.slice(0, 5), `${missing.length} pages have no reachable icon (first 5 shown)`).toEqual([]);
});

test('no detail page in dist/ has an empty value or "undefined"', async () => {
  const pages = distPages().filter((p) => /^(\/en)?\/facilities\/[^/]+\/$/.test(p));
  expect(pages.length).toBe(facilities.length * 2);
  const problems: string[] = [];
  for (const p of pages) {
    const html = readFileSync(join(DIST, p, 'index.html'), 'utf8');
    const text = html
      .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ');
    for (const dd of html.matchAll(/<dd[^>]*>([\s\S]*?)<\/dd>/g)) {
      if (!dd[1]!.replace(/<[^>]+>/g, '').trim()) problems.push(`${p}: empty <dd>`);
    }
    for (const bad of text.match(/\b(undefined|NaN|null)\b|\[object Object\]|\{\w+\}/g) ?? [])
      problems.push(`${p}: "${bad}"`);
  }
  expect(problems).toEqual([]);
});
