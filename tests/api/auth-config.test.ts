/**
 * supabase/config.toml is the one source of the auth settings: the embedded API runs with what the file says
 * (compared here with values read from the file by plain text matching, not by the API's parser), staff passwords
 * follow its rules, and a malformed setting is an error that names the key.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authSettingsFrom, parseDuration } from '../../supabase/embedded/api/auth-config.ts';
import { addStaff } from '../../scripts/lib/staff-accounts.ts';
import { ACCOUNTS, startTestApi, type TestApi } from './harness.ts';

const toml = readFileSync(new URL('../../supabase/config.toml', import.meta.url), 'utf8');
/** `key = value` inside `[section]`, read line by line. */
function setting(section: string, key: string): string {
  const lines = toml.split('\n');
  const start = lines.findIndex((l) => l.trim() === `[${section}]`);
  expect(start, `[${section}] in config.toml`).toBeGreaterThanOrEqual(0);
  for (const line of lines.slice(start + 1)) {
    if (line.trim().startsWith('[')) break;
    const m = new RegExp(`^\\s*${key}\\s*=\\s*(.+?)\\s*$`).exec(line);
    if (m) return m[1]!.replace(/^"(.*)"$/, '$1');
  }
  throw new Error(`${section}.${key} missing from config.toml`);
}
const hours = (text: string) => Number(/^(\d+)h$/.exec(text)![1]) * 3600;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

describe('the embedded API and supabase/config.toml agree', () => {
  test('token lifetime, reuse interval, rate limits and session limits', async () => {
    expect(api.auth.jwtExpiry).toBe(Number(setting('auth', 'jwt_expiry')));
    expect(api.auth.sessions.reuseInterval).toBe(Number(setting('auth', 'refresh_token_reuse_interval')));
    // Supabase counts these per client address and 5 minutes.
    expect(api.auth.rateLimits.signIn).toEqual({
      max: Number(setting('auth.rate_limit', 'sign_in_sign_ups')),
      per: '5 minutes',
    });
    expect(api.auth.rateLimits.refresh).toEqual({
      max: Number(setting('auth.rate_limit', 'token_refresh')),
      per: '5 minutes',
    });
    expect(api.auth.sessions.timebox).toBe(hours(setting('auth.sessions', 'timebox')));
    expect(api.auth.sessions.inactivity).toBe(hours(setting('auth.sessions', 'inactivity_timeout')));
    const { data } = await api.client().auth.signInWithPassword(ACCOUNTS.visitor);
    expect(data.session!.expires_in).toBe(Number(setting('auth', 'jwt_expiry')));
  });

  test('staff passwords follow its length and character rules', async () => {
    const min = Number(setting('auth', 'minimum_password_length'));
    expect(setting('auth', 'password_requirements')).toBe('lower_upper_letters_digits');
    const add = (password: string) =>
      addStaff(api.db, { email: 'rules@test.local', role: 'outreach', password });
    await expect(add(`Aa1${'x'.repeat(min - 4)}`)).rejects.toThrow(`at least ${min} characters`);
    await expect(add('all-lowercase-123')).rejects.toThrow(/uppercase/);
    await expect(add('ALL-UPPERCASE-123')).rejects.toThrow(/lower/);
    await expect(add('No-Digits-At-All')).rejects.toThrow(/digits/);
    await expect(add(`Aa1${'x'.repeat(min - 3)}`)).resolves.toMatchObject({ created: true });
  });
});

describe('reading the settings', () => {
  test('reads durations and names a malformed key', () => {
    expect(parseDuration('8h30m', 'k')).toBe(30_600);
    expect(() => parseDuration('8 hours', 'auth.sessions.timebox')).toThrow('auth.sessions.timebox');
    const base = `[auth]\njwt_expiry = 600\nrefresh_token_reuse_interval = 5\nminimum_password_length = 8\npassword_requirements = "letters_digits"\n[auth.rate_limit]\nsign_in_sign_ups = 7\ntoken_refresh = 9\n`;
    expect(authSettingsFrom(base)).toEqual({
      jwtExpiry: 600,
      refreshTokenReuseInterval: 5,
      minimumPasswordLength: 8,
      passwordRequirements: 'letters_digits',
      rateLimits: { signIn: 7, tokenRefresh: 9 },
      sessions: { timebox: null, inactivity: null },
    });
    expect(() => authSettingsFrom(base.replace('jwt_expiry = 600', 'jwt_expiry = "soon"'))).toThrow(
      'auth.jwt_expiry',
    );
    expect(() => authSettingsFrom(base.replace('"letters_digits"', '"anything"'))).toThrow(
      'auth.password_requirements',
    );
  });
});
