/**
 * JSON Web Tokens through `jose`: the access tokens GoTrue issues and the anon/service keys are HS256, signed with
 * the project secret. Verification accepts HS256 with that secret and, when public keys are configured
 * (`jwks`), the asymmetric ES256/RS256 tokens newer Supabase projects sign with. `exp` is required; an `aud`, when
 * present, must be `authenticated`, and a token for the `authenticated` role must carry that audience.
 */
import { createLocalJWKSet, errors, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';

export type Claims = Record<string, unknown> & {
  role?: string;
  sub?: string;
  exp?: number;
  iat?: number;
  aud?: string | string[];
  session_id?: string;
};

/** The audience of user access tokens, as GoTrue sets it and PostgREST's `jwt-aud` checks it on Supabase. */
const AUDIENCE = 'authenticated';

const encoder = new TextEncoder();

export function signJwt(claims: Claims, secret: string): Promise<string> {
  return new SignJWT(claims as JWTPayload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(encoder.encode(secret));
}

/** Why a token was refused; the message is safe to show to the caller. */
export class JwtError extends Error {
  override name = 'JwtError';
}

/** Three dot-separated base64url parts: anything else is not a JWT (e.g. an opaque publishable key). */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

export interface VerifyKeys {
  /** The HS256 project secret. */
  secret: string;
  /** Public keys (a JWKS) for ES256/RS256 tokens, e.g. the project's `/auth/v1/.well-known/jwks.json`. */
  jwks?: JSONWebKeySet;
}

const ASYMMETRIC = ['ES256', 'RS256'];

/** Returns the claims of a valid, unexpired token; throws JwtError otherwise. */
export async function verifyJwt(
  token: string,
  keys: VerifyKeys | string,
  now: Date = new Date(),
): Promise<Claims> {
  const { secret, jwks } = typeof keys === 'string' ? { secret: keys, jwks: undefined } : keys;
  if (!looksLikeJwt(token)) throw new JwtError('Expected 3 parts in JWT');
  const hmac = encoder.encode(secret);
  const publicKeys = jwks ? createLocalJWKSet(jwks) : undefined;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(
      token,
      (header, jws) => (header.alg === 'HS256' || !publicKeys ? hmac : publicKeys(header, jws)),
      {
        algorithms: publicKeys ? ['HS256', ...ASYMMETRIC] : ['HS256'],
        requiredClaims: ['exp'],
        currentDate: now,
      },
    ));
  } catch (error) {
    throw new JwtError(reason(error));
  }
  const claims = payload as Claims;
  const audiences = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.aud !== undefined && !audiences.includes(AUDIENCE)) throw new JwtError('JWT not in audience');
  if (claims.role === 'authenticated' && !audiences.includes(AUDIENCE))
    throw new JwtError('JWT for the authenticated role has no audience');
  return claims;
}

/** A short, caller-safe reason (PostgREST's wording where it has one). */
function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'JWT expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.claim === 'exp' ? 'JWT has no exp claim' : `JWT ${error.claim} claim is not valid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'JWT signature does not match';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'JWT algorithm is not allowed';
  if (error instanceof errors.JOSEError) return `JWT cannot be verified (${error.code})`;
  return 'JWT cannot be decoded';
}
