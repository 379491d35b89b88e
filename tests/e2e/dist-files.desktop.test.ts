/**
 * Checks of the built files (desktop project only: no browser differences to see). Link check over the built site: every internal href / src / action in every dist/ HTML file
 * must resolve to a file in dist/, and every #fragment to an id on the target page. Reports all problems at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';
import { brokenLinks, servedFile } from './link-check.ts';
import { DIST, distPages, facilities, tr, zh } from './data.ts';

const ORIGIN = 'http://site.invalid';
const fileFor = (pathname: string) => servedFile(DIST, pathname);
const read = (file: string) => readFileSync(file, 'utf8');

test('every internal link, script and form target in dist/ resolves', async () => {
  const { broken, checked, pages } = brokenLinks(DIST);
  expect(pages).toBeGreaterThan(10);
  expect(checked).toBeGreaterThan(pages * 10);
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
