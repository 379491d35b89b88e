/**
 * The HTTP plumbing shared by the REST and auth handlers: bounded body reading, JSON parsing, CORS for the
 * site's origins, JSON responses and the client address passed to SQL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/** Bodies larger than this are refused with 413; the site never sends more than a few kilobytes. */
export const BODY_LIMIT = 64 * 1024;

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}
export class MalformedJson extends Error {
  override name = 'MalformedJson';
}

/** Reads the whole body, refusing (BodyTooLarge) as soon as it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge(`Request body larger than ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        reject(new BodyTooLarge(`Request body larger than ${limit} bytes`));
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Deeper bodies are refused: no argument of ours nests more than a few levels, and deep JSON costs stack. */
const MAX_JSON_DEPTH = 64;

/** How deeply arrays and objects nest in a JSON text (brackets inside strings do not count); stops past `limit`. */
function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** Parses a JSON body; an empty body is `undefined`. Throws MalformedJson with a short reason. */
export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new MalformedJson(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedJson((error as Error).message);
  }
}

export interface CorsOptions {
  /** Origins allowed to call the API from a browser, e.g. http://localhost:4321. '*' allows any. */
  origins: string[];
}

/** Sets the CORS headers when the request's Origin is allowed. Returns true if the request was a preflight. */
export function applyCors(req: IncomingMessage, res: ServerResponse, { origins }: CorsOptions): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  const allowed = origin !== undefined && (origins.includes('*') || origins.includes(origin));
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'content-range, x-supabase-api-version');
  }
  if (req.method !== 'OPTIONS') return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    // supabase-js sends apikey, authorization, content-profile, x-client-info…: echo what the browser asks for.
    const asked = String(req.headers['access-control-request-headers'] ?? '');
    res.setHeader(
      'access-control-allow-headers',
      /^[\w\-, ]*$/.test(asked) && asked
        ? asked
        : 'apikey, authorization, content-type, content-profile, accept-profile, prefer, x-client-info, x-supabase-api-version',
    );
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(allowed ? 204 : 403).end();
  return true;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends a JSON text produced by the database as is (it is already serialised). */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * The address rate limits are keyed on. By default the socket's peer: a client cannot choose it. Behind a
 * trusted reverse proxy (`trustProxy`), the last X-Forwarded-For entry — the one that proxy appended.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (!trustProxy) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const last = forwarded.at(-1)?.replace(/^::ffff:/, '');
  return last && isIP(last) ? last : peer;
}

/** The request headers as PostgREST passes them in `request.headers`, with the client address we determined. */
export function headersForSql(req: IncomingMessage, address: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'authorization' || name === 'apikey' || name === 'cookie') continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  out['x-forwarded-for'] = address;
  return out;
}
