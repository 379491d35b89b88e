/**
 * The anon and service_role API keys: long-lived HS256 JWTs signed with the project secret, exactly like the
 * legacy keys of a Supabase project. They are deterministic for a given secret (HMAC over fixed claims), so the
 * anon key baked into the built site stays valid across restarts. The anon key is public; the service key
 * bypasses RLS and must stay on the server.
 */
import { signJwt } from './jwt.ts';

export interface ApiKeys {
  anon: string;
  serviceRole: string;
}

/** 2024-01-01T00:00:00Z and ten years later: fixed so the keys do not change between starts. */
const ISSUED_AT = 1704067200;
const EXPIRES_AT = ISSUED_AT + 10 * 365 * 24 * 3600;

export async function apiKeys(secret: string): Promise<ApiKeys> {
  const key = (role: string) =>
    signJwt({ iss: 'supabase-embedded', ref: 'tuoyu-local', role, iat: ISSUED_AT, exp: EXPIRES_AT }, secret);
  const [anon, serviceRole] = await Promise.all([key('anon'), key('service_role')]);
  return { anon, serviceRole };
}
