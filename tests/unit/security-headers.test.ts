/**
 * The security headers agree everywhere they are written: what the static server (`npm start`) sends for a path
 * is what dist/_headers gives on Netlify (last matching rule wins per header) and on Cloudflare Pages (values of
 * matching rules joined; Permissions-Policy is a dictionary whose last key wins), and what the nginx and Caddy
 * blocks in docs/deploy.md give. Each host's rules are evaluated here by small readers of those formats.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaticServer, listen } from '../../scripts/lib/static-server.ts';
import { headersFile } from '../../src/lib/security/headers.ts';

const NAMES = [
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
];
const PATHS = [
  '/',
  '/en/',
  '/map/',
  '/staff/',
  '/en/staff/',
  '/staff/lectures/',
  '/en/staff/lectures/',
  '/staff/lectures/x/',
  '/data/facilities.geojson',
  '/no-such-page/',
];
type Headers = Record<string, string>;

let server: Server;
let base: string;
const served = new Map<string, Headers>();

beforeAll(async () => {
  server = createStaticServer(path.resolve('dist'));
  base = await listen(server, 0);
  for (const p of PATHS) {
    const res = await fetch(base + p, { redirect: 'manual' });
    served.set(p, Object.fromEntries(NAMES.map((n) => [n, res.headers.get(n) ?? '(missing)'])));
  }
});
afterAll(() => new Promise((ok) => server.close(ok)));

/** Permissions-Policy as a dictionary (RFC 8941: a repeated key keeps its last value). */
function policyDict(value: string): Record<string, string> {
  return Object.fromEntries(value.split(/\s*,\s*/).map((item) => item.split('=') as [string, string]));
}

function normalise(headers: Headers): Headers {
  return {
    ...headers,
    'permissions-policy': JSON.stringify(policyDict(headers['permissions-policy'] ?? '')),
  };
}

interface Rule {
  pattern: RegExp;
  headers: [string, string][];
}

function readHeadersFile(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
    } else {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)!.headers.push([name!.trim().toLowerCase(), value.join(':').trim()]);
    }
  }
  return rules;
}

function docBlock(lang: string): string {
  const doc = readFileSync('docs/deploy.md', 'utf8');
  const m = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!m) throw new Error(`docs/deploy.md has no ${lang} block`);
  return m[1]!;
}

/** A `map` of nginx or Caddy: regex entries in order, then the default. */
function readMap(lines: string[]): (p: string) => string {
  const entries = lines.map((l) => /^\s*(\S+)\s+"([^"]*)"/.exec(l)).filter((m) => m !== null);
  return (p) => {
    for (const [, key, value] of entries)
      if (key!.startsWith('~') && new RegExp(key!.slice(1)).test(p)) return value!;
    return entries.find(([, key]) => key === 'default')?.[2] ?? '(missing)';
  };
}

function nginx(p: string): Headers {
  const block = docBlock('nginx');
  const mapBody = /map \$uri \$tuoyu_permissions \{([\s\S]*?)\}/.exec(block)![1]!;
  const permissions = readMap(mapBody.split('\n').map((l) => l.replace(/;\s*$/, '')));
  const out: Headers = {};
  for (const m of block.matchAll(/^add_header (\S+) (?:"([^"]*)"|(\$\w+)) always;$/gm)) {
    out[m[1]!.toLowerCase()] = m[3] === '$tuoyu_permissions' ? permissions(p) : m[2]!;
  }
  return out;
}

function caddy(p: string): Headers {
  const block = docBlock('caddy');
  const mapBody = /map \{path\} \{tuoyu_permissions\} \{([\s\S]*?)\n\}/.exec(block)![1]!;
  const permissions = readMap(mapBody.split('\n'));
  const headerBody = /^header \{([\s\S]*?)\n\}/m.exec(block)![1]!;
  const out: Headers = {};
  for (const m of headerBody.matchAll(/^\s*(\S+) (?:"([^"]*)"|(\{tuoyu_permissions\}))$/gm)) {
    out[m[1]!.toLowerCase()] = m[3] ? permissions(p) : m[2]!;
  }
  return out;
}

describe('the server sends the security headers for every path', () => {
  test.each(PATHS)('%s', (p) => {
    expect(Object.values(served.get(p)!)).not.toContain('(missing)');
  });
});

describe('dist/_headers agrees with the server', () => {
  const rules = readHeadersFile(readFileSync('dist/_headers', 'utf8'));

  test('the built file is the one the build writes from the source', () => {
    expect(readFileSync('dist/_headers', 'utf8')).toBe(headersFile());
  });

  test.each(PATHS)('Netlify (last matching rule wins): %s', (p) => {
    const out: Headers = {};
    for (const rule of rules.filter((r) => r.pattern.test(p))) for (const [k, v] of rule.headers) out[k] = v;
    expect(out).toEqual(served.get(p));
  });

  test.each(PATHS)('Cloudflare Pages (matching values joined): %s', (p) => {
    const out: Headers = {};
    for (const rule of rules.filter((r) => r.pattern.test(p)))
      for (const [k, v] of rule.headers) out[k] = out[k] ? `${out[k]}, ${v}` : v;
    expect(normalise(out)).toEqual(normalise(served.get(p)!));
  });
});

describe('docs/deploy.md agrees with the server', () => {
  test.each(PATHS)('nginx: %s', (p) => expect(nginx(p)).toEqual(served.get(p)));
  test.each(PATHS)('Caddy: %s', (p) => expect(caddy(p)).toEqual(served.get(p)));
});
