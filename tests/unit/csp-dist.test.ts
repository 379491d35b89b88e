/**
 * The built pages against their own Content-Security-Policy (the meta element the build writes): every inline
 * script and style that a browser would run is listed by its SHA-256, nothing relies on 'unsafe-inline', and no
 * markup needs it (event-handler or style attributes, javascript: URLs). Hashes are computed here from the
 * built files, independently of the build's own code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const DIST = path.resolve('dist');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name));
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Script types a browser executes (a JSON data block is not run, so CSP does not apply to it). */
const RUNS = (attrs: string) => {
  const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
  return !type || type === 'module' || type === 'text/javascript' || type === 'application/javascript';
};

function sources(policy: string, directive: string): string[] {
  const found = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === directive);
  return found ? found.slice(1) : [];
}

describe('the Content-Security-Policy of every built page', () => {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    test('dist/ exists', () => {
      throw new Error('dist/ is missing: run astro build first (npm run build)');
    });
    return;
  }
  const pages = htmlFiles(DIST).map((file) => ({
    file: path.relative(DIST, file),
    html: readFileSync(file, 'utf8'),
  }));

  test('there are pages to check, the map and staff pages among them', () => {
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.map((p) => p.file)).toEqual(
      expect.arrayContaining(['map/index.html', 'staff/index.html', 'en/staff/index.html']),
    );
  });

  test('each page has one policy in <head>, without unsafe-inline or unsafe-eval, and a default-src', () => {
    const problems = pages.flatMap(({ file, html }) => {
      const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)"/gi)];
      if (metas.length !== 1) return [`${file}: ${metas.length} CSP meta elements`];
      const policy = metas[0]![1]!;
      const out: string[] = [];
      if (metas[0]!.index! > html.indexOf('</head>')) out.push(`${file}: the CSP meta is not in <head>`);
      if (/unsafe-inline|unsafe-eval|unsafe-hashes/.test(policy)) out.push(`${file}: ${policy}`);
      if (!sources(policy, 'default-src').includes("'self'")) out.push(`${file}: no default-src 'self'`);
      if (!sources(policy, 'object-src').includes("'none'")) out.push(`${file}: object-src is not 'none'`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  test('every inline script and style the browser would run is allowed by its hash', () => {
    let checked = 0;
    const problems = pages.flatMap(({ file, html }) => {
      const policy = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1] ?? '';
      const scripts = sources(policy, 'script-src');
      const styles = sources(policy, 'style-src');
      const out: string[] = [];
      for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
        const [, attrs = '', text = ''] = m;
        if (/\bsrc\s*=/.test(attrs) || !RUNS(attrs)) continue;
        checked++;
        if (!scripts.includes(sha256(text)))
          out.push(`${file}: inline script not in script-src: ${text.slice(0, 60)}`);
      }
      for (const m of html.matchAll(/<style(\s[^>]*)?>([\s\S]*?)<\/style>/gi)) {
        checked++;
        if (!styles.includes(sha256(m[2] ?? '')))
          out.push(`${file}: inline style not in style-src: ${(m[2] ?? '').slice(0, 60)}`);
      }
      return out;
    });
    expect(problems).toEqual([]);
    expect(checked, 'the head script and the inlined styles at least').toBeGreaterThan(pages.length);
  });

  test('no markup that only unsafe-inline would allow: event-handler or style attributes, javascript: URLs', () => {
    const problems = pages.flatMap(({ file, html }) => {
      const tags =
        html.replace(/<(script|style)(\s[^>]*)?>[\s\S]*?<\/\1>/gi, '').match(/<[a-z][^>]*>/gi) ?? [];
      return tags
        .filter((tag) => /\s(on[a-z]+|style)\s*=/i.test(tag) || /=\s*["']?\s*javascript:/i.test(tag))
        .map((tag) => `${file}: ${tag.slice(0, 100)}`);
    });
    expect(problems).toEqual([]);
  });
});
