/**
 * The static server of `npm start` and the browser tests, over real HTTP on a temporary folder: security headers
 * on every answer, per-path Permissions-Policy, no open redirect, and a file that cannot be read answers 500
 * while the server keeps serving.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaticServer, listen } from '../../scripts/lib/static-server.ts';

let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'tuoyu-static-'));
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  put('index.html', '<!doctype html><title>home</title>');
  put('en/index.html', '<!doctype html><title>en</title>');
  put('staff/index.html', '<!doctype html><title>staff</title>');
  put('staff/lectures/index.html', '<!doctype html><title>lectures</title>');
  put('en/staff/lectures/index.html', '<!doctype html><title>lectures en</title>');
  put('404.html', '<!doctype html><title>not found</title>');
  put('data/x.json', '{"ok":true}');
  // A real read error, even as root: the kernel answers EIO when offset 0 of a process's memory is read.
  symlinkSync('/proc/self/mem', path.join(root, 'broken.txt'));
  server = createStaticServer(root);
  base = await listen(server, 0);
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(root, { recursive: true, force: true });
});

const get = (p: string, method = 'GET') =>
  fetch(base + p, { method, redirect: 'manual', signal: AbortSignal.timeout(5_000) });

describe('security headers', () => {
  const answers: [string, string, number][] = [
    ['a page', '/', 200],
    ['a data file', '/data/x.json', 200],
    ['a missing page (the site 404)', '/nope/', 404],
    ['a redirect', '/en', 301],
    ['a bad path', '/%E0%A4%A/', 400],
    ['a POST', '/', 405],
  ];
  test.each(answers)('%s carries every security header', async (_what, p, status) => {
    const res = await get(p, status === 405 ? 'POST' : 'GET');
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((d) => d.trim())).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toMatch(/(^|, )geolocation=\(self\)(,|$)/);
  });

  const camera: [string, string][] = [
    ['/', '()'],
    ['/en/', '()'],
    ['/staff/', '()'],
    ['/staff/lectures/', '(self)'],
    ['/en/staff/lectures/', '(self)'],
  ];
  test.each(camera)('camera on %s: %s (only where a page scans codes)', async (p, allow) => {
    const res = await get(p);
    expect(res.status).toBe(200);
    const policy = res.headers.get('permissions-policy') ?? '';
    expect(policy.split(/,\s*/).filter((d) => d.startsWith('camera='))).toEqual([`camera=${allow}`]);
  });
});

describe('paths', () => {
  test('a directory without its slash redirects to the slash form', async () => {
    const res = await get('/en');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/en/');
  });

  test.each(['/%2Fen', '/%2F%2Fen', '//en', '/%2F/en'])(
    '%s never redirects off the site (no //host/ location)',
    async (p) => {
      const res = await get(p);
      const location = res.headers.get('location');
      if (location !== null) {
        expect(location).toMatch(/^\/[^/\\]/);
        expect(new URL(location, base).origin).toBe(new URL(base).origin);
      }
    },
  );

  test('a file that cannot be read answers 500, and the server keeps serving', async () => {
    const res = await get('/broken.txt');
    expect(res.status).toBe(500);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const after = await get('/');
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('<title>home</title>');
  });
});
