/**
 * A small static file server for dist/: directory index, the site's 404 page, safe path handling.
 * Used by `npm start` and by the browser tests. Binds to 127.0.0.1 unless told otherwise.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

export function createStaticServer(rootDir: string): Server {
  const root = resolve(rootDir);
  return createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const target = normalize(join(root, pathname));
    const hidden = pathname.split('/').some((part) => part.startsWith('.'));
    if ((target !== root && !target.startsWith(root + sep)) || hidden || pathname.includes('\0')) {
      res.writeHead(400).end('Bad request');
      return;
    }
    // /facilities → /facilities/ as static hosts do, so relative links and the trailing-slash routes agree.
    if (!pathname.endsWith('/') && !extname(pathname) && fileAt(join(target, 'index.html'))) {
      res.writeHead(301, { location: `${pathname}/` }).end();
      return;
    }
    const file = fileAt(target);
    const status = file ? 200 : 404;
    const body = file ?? fileAt(join(root, '404.html'));
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(body ?? '.txt')] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    };
    if (!body) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    res.writeHead(status, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(body).pipe(res);
  });
}

/** Starts serving; resolves with the bound address. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const addr = server.address();
      ok(typeof addr === 'object' && addr ? `http://${host === '0.0.0.0' ? 'localhost' : host}:${addr.port}` : String(addr));
    });
  });
}
