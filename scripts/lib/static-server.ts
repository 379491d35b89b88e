/**
 * A small static file server for dist/: directory index, the site's 404 page, safe path handling, and the site's
 * security headers (src/lib/security/headers.ts) on every answer. Used by `npm start` and by the browser tests.
 * Binds to 127.0.0.1 unless told otherwise.
 */
import { createServer, type ServerResponse, type Server } from 'node:http';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { securityHeaders } from '../../src/lib/security/headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function fileAt(path: string): string | null {
  try {
    const st = statSync(path);
    if (st.isFile()) return path;
    if (st.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {
    /* not found */
  }
  return null;
}

/** The canonical URL path of a directory under root, with one leading and one trailing slash (never `//host/`). */
function directoryUrl(root: string, dir: string): string {
  const parts = relative(root, dir).split(sep).filter(Boolean);
  return `/${parts.map(encodeURIComponent).join('/')}${parts.length ? '/' : ''}`;
}

export function createStaticServer(rootDir: string): Server {
  const root = resolve(rootDir);
  return createServer((req, res) => {
    let pathname = '/';
    const answer = (status: number, headers: Record<string, string> = {}, body?: string | Buffer) => {
      res.writeHead(status, { ...securityHeaders(pathname), 'cache-control': 'no-cache', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      answer(400, { 'content-type': TYPES['.txt'] }, 'Bad request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(405, { allow: 'GET, HEAD' });
      return;
    }
    const target = normalize(join(root, pathname));
    const hidden = pathname.split('/').some((part) => part.startsWith('.'));
    if ((target !== root && !target.startsWith(root + sep)) || hidden || pathname.includes('\0')) {
      answer(400, { 'content-type': TYPES['.txt'] }, 'Bad request');
      return;
    }
    // /facilities → /facilities/ as static hosts do, so relative links and the trailing-slash routes agree. The
    // location is rebuilt from the resolved directory, so /%2Fen cannot become the protocol-relative //en/.
    if (!pathname.endsWith('/') && !extname(pathname) && fileAt(join(target, 'index.html'))) {
      answer(301, { location: directoryUrl(root, target) });
      return;
    }
    const file = fileAt(target);
    const body = file ?? fileAt(join(root, '404.html'));
    if (!body) {
      answer(404, { 'content-type': TYPES['.txt'] }, 'Not found');
      return;
    }
    void send(res, body, file ? 200 : 404, answer);
  });
}

/** Reads the whole file first (the site's files are small), so a read error can still be answered with a 500. */
async function send(
  res: ServerResponse,
  file: string,
  status: number,
  answer: (status: number, headers?: Record<string, string>, body?: string | Buffer) => void,
): Promise<void> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    console.error(`static server: cannot read ${file}: ${(error as Error).message}`);
    if (!res.headersSent) answer(500, { 'content-type': TYPES['.txt'] }, 'Internal server error');
    return;
  }
  answer(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }, data);
}

/** Starts serving; resolves with the bound address. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const addr = server.address();
      ok(
        typeof addr === 'object' && addr
          ? `http://${host === '0.0.0.0' ? 'localhost' : host}:${addr.port}`
          : String(addr),
      );
    });
  });
}
