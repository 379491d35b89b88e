/**
 * The static server of `npm start` and the browser tests, over real HTTP on a temporary folder: security headers
 * on every answer, per-path Permissions-Policy, no open redirect, a file that cannot be read answers 500
 * while the server keeps serving, and text compressed (brotli/gzip) as the browser's Accept-Encoding allows.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaticServer, listen, negotiateEncoding } from '../../scripts/lib/static-server.ts';

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

describe('negotiateEncoding', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.1', 'gzip'],
    ['GZIP;Q=0.8, BR;Q=0.9', 'br'],
    ['*', 'br'],
    ['*;q=0.5, gzip;q=1', 'gzip'],
    ['gzip;q=0, br;q=0, *;q=1', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
  ];
  test.each(cases)('Accept-Encoding %j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('compression', () => {
  // Text large enough to be compressed (well over MIN_COMPRESS_BYTES), and a small one that is not.
  const bigJs = `export const words = [${Array.from({ length: 2000 }, (_, i) => `"w${i % 97}"`).join(',')}];\n`;
  const smallCss = 'body{margin:0}';
  const png = Buffer.alloc(4096, 7);
  let dir: string;
  let srv: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-gzip-'));
    writeFileSync(path.join(dir, 'app.js'), bigJs);
    writeFileSync(path.join(dir, 'small.css'), smallCss);
    writeFileSync(path.join(dir, 'pic.png'), png);
    writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><title>x</title>${'<p>段落</p>'.repeat(400)}`,
    );
    srv = createStaticServer(dir);
    url = await listen(srv, 0);
  });
  afterAll(async () => {
    await new Promise((ok) => srv.close(ok));
    rmSync(dir, { recursive: true, force: true });
  });

  /** The raw answer (fetch would undo the encoding and hide the bytes on the wire). */
  const raw = (p: string, acceptEncoding?: string, method = 'GET') =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((ok, fail) => {
      const req = request(url + p, {
        method,
        headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', fail);
      req.end();
    });

  test('brotli when the browser accepts it: decodes to the file, Content-Length is the bytes sent', async () => {
    const res = await raw('/app.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(bigJs) / 4);
    expect(brotliDecompressSync(res.body).toString()).toBe(bigJs);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  test('gzip when only gzip is accepted (HTML too)', async () => {
    const res = await raw('/', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(gunzipSync(res.body).toString()).toContain('<p>段落</p>'.repeat(400));
  });

  test('no Accept-Encoding: the file as it is, still Vary: Accept-Encoding', async () => {
    const res = await raw('/app.js');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(bigJs));
    expect(res.body.toString()).toBe(bigJs);
  });

  test('a small text file and an image are never compressed', async () => {
    const css = await raw('/small.css', 'br, gzip');
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body.toString()).toBe(smallCss);
    expect(Number(css.headers['content-length'])).toBe(smallCss.length);
    const img = await raw('/pic.png', 'br, gzip');
    expect(img.headers['content-encoding']).toBeUndefined();
    expect(img.headers.vary).toBeUndefined();
    expect(img.body.equals(png)).toBe(true);
    expect(Number(img.headers['content-length'])).toBe(png.length);
  });

  test('HEAD announces the same encoding and length as GET, with no body', async () => {
    const get = await raw('/app.js', 'gzip');
    const head = await raw('/app.js', 'gzip', 'HEAD');
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.body.length).toBe(0);
  });

  test('a file rewritten after it was served is compressed again (no stale cache)', async () => {
    await raw('/app.js', 'br');
    const changed = `${bigJs}export const more = ${'1'.repeat(5000)};\n`;
    writeFileSync(path.join(dir, 'app.js'), changed);
    const res = await raw('/app.js', 'br');
    expect(brotliDecompressSync(res.body).toString()).toBe(changed);
    writeFileSync(path.join(dir, 'app.js'), bigJs);
  });
});
