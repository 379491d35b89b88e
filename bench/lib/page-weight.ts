/**
 * What one built page costs a visitor: bytes of HTML (inline <style> and scripts included), linked CSS, the
 * JavaScript it loads (module/classic scripts by src, modulepreloads, and their static imports, resolved in dist/)
 * and its inline JavaScript, each raw and gzip-compressed (node:zlib, level 9). Reads files, changes nothing.
 * Used by tests/unit/budgets.test.ts and bench/pages.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Bytes {
  raw: number;
  gzip: number;
}

export interface PageWeight {
  /** site path, e.g. `/en/facilities/` or `/404.html` */
  page: string;
  html: Bytes;
  /** linked stylesheets (files in dist/), each compressed on its own as it is sent */
  css: Bytes;
  /** every JavaScript file the page loads, each compressed on its own */
  js: Bytes;
  /** inline executable <script> text; data blocks (JSON) left out */
  inlineJs: Bytes;
  /** dist-relative paths of the JavaScript files counted in `js`, entries first */
  jsFiles: string[];
  cssFiles: string[];
  /** <script src> / stylesheet URLs on another host */
  externalScripts: string[];
  externalStyles: string[];
  /** <script type="module"> elements, with src or inline */
  moduleScripts: number;
}

const ZERO: Bytes = { raw: 0, gzip: 0 };

export function bytesOf(text: string | Buffer): Bytes {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  return { raw: buf.length, gzip: buf.length ? gzipSync(buf, { level: 9 }).length : 0 };
}
export const addBytes = (a: Bytes, b: Bytes): Bytes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });

/** The HTML file for a site path: `/a/` → a/index.html, `/404.html` → 404.html. */
export function pageFile(distDir: string, page: string): string {
  return path.join(distDir, page.endsWith('/') ? `${page}index.html` : page);
}

/** Every HTML page in dist/ as a site path, sorted. */
export function listPages(distDir: string): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => `/${f.split(path.sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

const isExternal = (url: string) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url);
function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}
/** A URL on this site (relative to `from`, a site path) → the file in dist/. */
function localFile(distDir: string, from: string, url: string): string {
  const { pathname } = new URL(url, `http://site.invalid${from}`);
  return path.join(distDir, decodeURIComponent(pathname));
}
const isJsType = (type: string | undefined) =>
  !type || /^(module|text\/javascript|application\/javascript)$/i.test(type);

/** Relative specifiers of static `import … from "x"`, `import "x"` and `export … from "x"` (not `import()`). */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  const re = /(?:^|[^\w$.])(?:import|export)(?:\s*(?:[\w$*{}\s,]+?)\s*from)?\s*["']([^"']+)["']/g;
  for (const m of code.matchAll(re)) found.add(m[1]!);
  return [...found];
}

/** A script file and everything it imports statically, depth first, each file once. */
function scriptClosure(distDir: string, file: string, seen: Set<string>): void {
  if (seen.has(file)) return;
  if (!existsSync(file))
    throw new Error(`script ${path.relative(distDir, file)} is referenced but missing from ${distDir}`);
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  const from = `/${path.relative(distDir, file).split(path.sep).join('/')}`;
  for (const spec of staticImports(code)) {
    if (isExternal(spec)) throw new Error(`${from} imports ${spec} from another host`);
    if (!/^[./]/.test(spec))
      throw new Error(`${from} imports the bare specifier "${spec}", which a browser cannot load`);
    scriptClosure(distDir, localFile(distDir, from, spec), seen);
  }
}

export function measurePage(distDir: string, page: string): PageWeight {
  const html = readFileSync(pageFile(distDir, page), 'utf8');
  const jsSeen = new Set<string>();
  const cssFiles: string[] = [];
  const externalScripts: string[] = [];
  const externalStyles: string[] = [];
  let inlineJs = '';
  let moduleScripts = 0;
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const a = attrs(m[1]!);
    if (!isJsType(a.type)) continue; // JSON and other data blocks
    if (a.type?.toLowerCase() === 'module') moduleScripts++;
    if (a.src === undefined) inlineJs += m[2];
    else if (isExternal(a.src)) externalScripts.push(a.src);
    else scriptClosure(distDir, localFile(distDir, page, a.src), jsSeen);
  }
  for (const m of withoutComments.matchAll(/<link\b([^>]*)>/gi)) {
    const a = attrs(m[1]!);
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (!a.href) continue;
    if (rel.includes('stylesheet')) {
      if (isExternal(a.href)) externalStyles.push(a.href);
      else cssFiles.push(localFile(distDir, page, a.href));
    } else if (rel.includes('modulepreload')) {
      if (isExternal(a.href)) externalScripts.push(a.href);
      else scriptClosure(distDir, localFile(distDir, page, a.href), jsSeen);
    }
  }
  const sum = (files: string[]) => files.reduce((t, f) => addBytes(t, bytesOf(readFileSync(f))), ZERO);
  const rel = (f: string) => path.relative(distDir, f).split(path.sep).join('/');
  return {
    page,
    html: bytesOf(html),
    css: sum(cssFiles),
    js: sum([...jsSeen]),
    inlineJs: bytesOf(inlineJs),
    jsFiles: [...jsSeen].map(rel),
    cssFiles: cssFiles.map(rel),
    externalScripts,
    externalStyles,
    moduleScripts,
  };
}

/** Font files and stylesheets/pages declaring @font-face anywhere in dist/ (dist-relative paths). */
export function findWebFonts(distDir: string): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(distDir, f)).isFile())
    .filter(
      (f) =>
        /\.(woff2?|ttf|otf|eot)$/i.test(f) ||
        (/\.(css|html?)$/i.test(f) && /@font-face/i.test(readFileSync(path.join(distDir, f), 'utf8'))),
    )
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}
