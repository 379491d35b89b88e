import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { apiKeys } from '../../supabase/embedded/api/keys.ts';
import { JwtError, looksLikeJwt, signJwt, verifyJwt } from '../../supabase/embedded/api/jwt.ts';
import { DEMO_SECRETS, loadSecret } from '../../supabase/embedded/api/secret.ts';
import { createApiServer } from '../../supabase/embedded/api/server.ts';
import type { Db } from '../../supabase/embedded/db/adapter.ts';

const secret = 'unit-test-secret-unit-test-secret-0123456789';
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe('signJwt / verifyJwt (jose)', () => {
  test('returns the claims of a token it signed', async () => {
    const token = await signJwt({ role: 'service_role', sub: 'u1', exp: inAMinute() }, secret);
    expect(await verifyJwt(token, secret)).toMatchObject({ role: 'service_role', sub: 'u1' });
  });

  test('refuses a token signed with another secret', async () => {
    const token = await signJwt(
      { role: 'service_role', exp: inAMinute() },
      'another-secret-another-secret-another',
    );
    await expect(verifyJwt(token, secret)).rejects.toThrow(JwtError);
  });

  test('refuses a token whose payload was changed', async () => {
    const [h, , s] = (await signJwt({ role: 'anon', exp: inAMinute() }, secret)).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ role: 'service_role', exp: inAMinute() })).toString('base64url')}.${s}`;
    await expect(verifyJwt(forged, secret)).rejects.toThrow(/signature/);
  });

  test('refuses an expired token, a token without exp, and alg none', async () => {
    await expect(verifyJwt(await signJwt({ role: 'anon', exp: 1000 }, secret), secret)).rejects.toThrow(
      'JWT expired',
    );
    await expect(verifyJwt(await signJwt({ role: 'anon' }, secret), secret)).rejects.toThrow(
      'JWT has no exp claim',
    );
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ role: 'service_role', exp: inAMinute() })).toString('base64url')}.x`;
    await expect(verifyJwt(none, secret)).rejects.toThrow(JwtError);
  });

  test('checks the audience: another aud is refused, and an authenticated token must carry aud authenticated', async () => {
    const ok = await signJwt(
      { role: 'authenticated', aud: 'authenticated', sub: 'u', exp: inAMinute() },
      secret,
    );
    expect((await verifyJwt(ok, secret)).aud).toBe('authenticated');
    await expect(
      verifyJwt(await signJwt({ role: 'anon', aud: 'another-app', exp: inAMinute() }, secret), secret),
    ).rejects.toThrow('JWT not in audience');
    await expect(
      verifyJwt(await signJwt({ role: 'authenticated', sub: 'u', exp: inAMinute() }, secret), secret),
    ).rejects.toThrow(/audience/);
  });

  test('accepts an ES256 token from a configured public key, and refuses one from another key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const other = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const sign = (key: CryptoKey) =>
      new SignJWT({ role: 'authenticated', aud: 'authenticated', sub: 'u', session_id: 's' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setExpirationTime('1m')
        .sign(key);
    expect((await verifyJwt(await sign(privateKey), { secret, jwks: { keys: [jwk] } })).sub).toBe('u');
    await expect(verifyJwt(await sign(other.privateKey), { secret, jwks: { keys: [jwk] } })).rejects.toThrow(
      JwtError,
    );
    // Without configured public keys, only HS256 is accepted.
    await expect(verifyJwt(await sign(privateKey), secret)).rejects.toThrow('JWT algorithm is not allowed');
  });

  test('tells JWTs from opaque keys', async () => {
    expect(looksLikeJwt(await signJwt({}, secret))).toBe(true);
    expect(looksLikeJwt('sb_publishable_abc')).toBe(false);
  });
});

describe('apiKeys', () => {
  test('returns stable anon and service_role JWTs for a secret', async () => {
    const keys = await apiKeys(secret);
    expect(await apiKeys(secret)).toEqual(keys);
    expect((await verifyJwt(keys.anon, secret)).role).toBe('anon');
    expect((await verifyJwt(keys.serviceRole, secret)).role).toBe('service_role');
    expect((await apiKeys(`${secret}x`)).anon).not.toBe(keys.anon);
  });
});

describe('demo secrets', () => {
  // Spelled out here (not read from DEMO_SECRETS) so the test cannot agree with a wrong list.
  const published = [
    'super-secret-jwt-token-with-at-least-32-characters-long',
    'your-super-secret-jwt-token-with-at-least-32-characters-long',
  ];

  test('the API refuses to start with a secret from Supabase setup files', async () => {
    const db = { kind: 'pglite' } as Db;
    for (const s of published)
      await expect(createApiServer({ db, secret: s, siteOrigins: [] })).rejects.toThrow(
        /published demo secret/,
      );
    expect(DEMO_SECRETS).toEqual(expect.arrayContaining(published));
  });

  test('JWT_SECRET and a secret file holding one are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoyu-secret-'));
    try {
      expect(() => loadSecret(dir, { JWT_SECRET: published[0] })).toThrow(
        /JWT_SECRET is a published demo secret/,
      );
      expect(() => loadSecret(dir, { JWT_SECRET: 'short' })).toThrow(/at least 32/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
