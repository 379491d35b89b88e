/**
 * HS256 JSON Web Tokens with node:crypto only: the access tokens GoTrue issues and the anon/service keys, all
 * signed with the one project secret. Verification checks the header, the signature (constant time) and `exp`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Claims = Record<string, unknown> & { role?: string; sub?: string; exp?: number; iat?: number };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function sign(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function signJwt(claims: Claims, secret: string): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${sign(body, secret).toString('base64url')}`;
}

/** Why a token was refused; the message is safe to show to the caller. */
export class JwtError extends Error {
  override name = 'JwtError';
}

/** Three dot-separated base64url parts: anything else is not a JWT (e.g. an opaque publishable key). */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** Returns the claims of a valid, unexpired HS256 token signed with `secret`; throws JwtError otherwise. */
export function verifyJwt(token: string, secret: string, now = Date.now() / 1000): Claims {
  const parts = token.split('.');
  if (parts.length !== 3 || !looksLikeJwt(token)) throw new JwtError('Expected 3 parts in JWT; got ' + parts.length);
  const [head, body, signature] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError('JWT cannot be decoded');
  }
  if (!isObject(header) || header.alg !== 'HS256') throw new JwtError('JWT algorithm is not HS256');
  const expected = sign(`${head}.${body}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new JwtError('JWT signature does not match');
  }
  if (!isObject(claims)) throw new JwtError('JWT claims are not an object');
  if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp <= now)) throw new JwtError('JWT expired');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now + 30)) throw new JwtError('JWT not yet valid');
  return claims as Claims;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
