/**
 * A small static file server for dist/: directory index, the site's 404 page, safe path handling, the site's
 * security headers (src/lib/security/headers.ts) on every answer, and compression as any host does: text files
 * are sent brotli- or gzip-compressed when the browser's Accept-Encoding allows it (`Vary: Accept-Encoding`, the
 * Content-Length of the bytes actually sent). Each file is compressed once per version (path, size, mtime) and kept.
 * Used by `npm start` and by the browser tests. Binds to 127.0.0.1 unless told otherwise.
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
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

/** Types worth compressing (images here are PNG/ICO, already compressed; SVG is text). */
const COMPRESSIBLE = new Set([
  '.html',
  '.css',
  '.js',
  '.json',
  '.geojson',
  '.csv',
  '.svg',
  '.txt',
  '.webmanifest',
]);
/** Below this size a compressed answer saves less than its own overhead. */
export const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to send for an Accept-Encoding header (RFC 9110 §12.5.3): the highest q-value among br and gzip,
 * br on a tie; `*` stands for any encoding not named; q=0 refuses. No header, or nothing acceptable: identity.
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br <= 0 && gz <= 0) return 'identity';
  return br >= gz ? 'br' : 'gzip';
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Compressed bodies by file, valid while the file's size and mtime stay the same. */
const cache = new Map<string, { version: string; br: Buffer; gzip: Buffer }>();

async function compressed(
  file: string,
  data: Buffer,
  version: string,
): Promise<{ br: Buffer; gzip: Buffer }> {
  const hit = cache.get(file);
  if (hit && hit.version === version) return hit;
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzipAsync(data, { level: 9 }),
  ]);
  const entry = { version, br, gzip: gz };
  cache.set(file, entry);
  return entry;
}

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

/** `compress: false` serves every file as it is (bench/survey-lcp.ts measures the site as it was before). */
export function createStaticServer(rootDir: string, opts: { compress?: boolean } = {}): Server {
  const compress = opts.compress ?? true;
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
    void send(req, res, body, file ? 200 : 404, answer, compress);
  });
}

/** Reads the whole file first (the site's files are small), so a read error can still be answered with a 500. */
async function send(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  status: number,
  answer: (status: number, headers?: Record<string, string>, body?: string | Buffer) => void,
  compress: boolean,
): Promise<void> {
  let data: Buffer;
  let version: string;
  try {
    const st = await stat(file);
    data = await readFile(file);
    version = `${st.size}:${st.mtimeMs}`;
  } catch (error) {
    console.error(`static server: cannot read ${file}: ${(error as Error).message}`);
    if (!res.headersSent) answer(500, { 'content-type': TYPES['.txt'] }, 'Internal server error');
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (!compress || !COMPRESSIBLE.has(extname(file))) {
    answer(status, { 'content-type': type, 'content-length': String(data.length) }, data);
    return;
  }
  // Vary on every compressible answer, compressed or not, so a cache never hands gzip to a client that refused it.
  const encoding =
    data.length < MIN_COMPRESS_BYTES ? 'identity' : negotiateEncoding(req.headers['accept-encoding']);
  let body = data;
  let sent: Encoding = 'identity';
  if (encoding !== 'identity') {
    try {
      body = (await compressed(file, data, version))[encoding];
      sent = encoding;
    } catch (error) {
      console.error(`static server: cannot compress ${file}: ${(error as Error).message}`);
    }
  }
  answer(
    status,
    {
      'content-type': type,
      vary: 'Accept-Encoding',
      'content-length': String(body.length),
      ...(sent === 'identity' ? {} : { 'content-encoding': sent }),
    },
    body,
  );
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
