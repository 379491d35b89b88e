import { describe, expect, test } from 'vitest';
import { apiKeys } from '../../supabase/embedded/api/keys.ts';
import { JwtError, looksLikeJwt, signJwt, verifyJwt } from '../../supabase/embedded/api/jwt.ts';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';

describe('signJwt / verifyJwt', () => {
  test('returns the claims of a token it signed', () => {
    const token = signJwt({ role: 'authenticated', sub: 'u1', exp: Date.now() / 1000 + 60 }, secret);
    expect(verifyJwt(token, secret)).toMatchObject({ role: 'authenticated', sub: 'u1' });
  });

  test('refuses a token signed with another secret', () => {
    const token = signJwt({ role: 'service_role' }, 'another-secret-another-secret-another');
    expect(() => verifyJwt(token, secret)).toThrow(JwtError);
  });

  test('refuses a token whose payload was changed', () => {
    const [h, , s] = signJwt({ role: 'anon' }, secret).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url')}.${s}`;
    expect(() => verifyJwt(forged, secret)).toThrow(/signature/);
  });

  test('refuses an expired token and alg none', () => {
    expect(() => verifyJwt(signJwt({ role: 'anon', exp: 1000 }, secret), secret)).toThrow(/expired/);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"role":"service_role"}').toString('base64url')}.x`;
    expect(() => verifyJwt(none, secret)).toThrow(JwtError);
  });

  test('tells JWTs from opaque keys', () => {
    expect(looksLikeJwt(signJwt({}, secret))).toBe(true);
    expect(looksLikeJwt('sb_publishable_abc')).toBe(false);
  });
});

describe('apiKeys', () => {
  test('returns stable anon and service_role JWTs for a secret', () => {
    const keys = apiKeys(secret);
    expect(apiKeys(secret)).toEqual(keys);
    expect(verifyJwt(keys.anon, secret).role).toBe('anon');
    expect(verifyJwt(keys.serviceRole, secret).role).toBe('service_role');
    expect(apiKeys(secret + 'x').anon).not.toBe(keys.anon);
  });
});
