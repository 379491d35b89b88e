/**
 * The auth settings the embedded API shares with a Supabase project: read from `supabase/config.toml` (the file the
 * Supabase CLI applies), so the two cannot drift. Only the settings the embedded API implements are read; a missing
 * or malformed one is an error naming the key.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

const CONFIG_TOML = new URL('../../config.toml', import.meta.url);

export type PasswordRequirements =
  | ''
  | 'letters_digits'
  | 'lower_upper_letters_digits'
  | 'lower_upper_letters_digits_symbols';

export interface AuthSettings {
  /** Access-token lifetime, seconds ([auth] jwt_expiry). */
  jwtExpiry: number;
  /** Seconds during which an already exchanged refresh token may be presented again ([auth] refresh_token_reuse_interval). */
  refreshTokenReuseInterval: number;
  minimumPasswordLength: number;
  passwordRequirements: PasswordRequirements;
  /** Per client address and 5 minutes ([auth.rate_limit]). */
  rateLimits: { signIn: number; tokenRefresh: number };
  /** Session lifetime and idle limit in seconds ([auth.sessions] timebox / inactivity_timeout); null = none. */
  sessions: { timebox: number | null; inactivity: number | null };
}

const REQUIREMENTS: PasswordRequirements[] = [
  '',
  'letters_digits',
  'lower_upper_letters_digits',
  'lower_upper_letters_digits_symbols',
];

/** A Go duration as the Supabase CLI writes them ("24h", "8h30m", "90s") in seconds. */
export function parseDuration(text: string, key: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text)
    throw new Error(`supabase/config.toml: ${key} = "${text}" is not a duration like "24h" or "30m"`);
  return parts.reduce(
    (sum, [, n, unit]) => sum + Number(n) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1),
    0,
  );
}

function table(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`supabase/config.toml: [${key}] is missing`);
  return value as Record<string, unknown>;
}

function int(t: Record<string, unknown>, name: string, key: string): number {
  const v = t[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new Error(`supabase/config.toml: ${key}.${name} must be a whole number`);
  return v;
}

export function authSettingsFrom(text: string): AuthSettings {
  const auth = table(parse(text).auth, 'auth');
  const limits = table(auth.rate_limit, 'auth.rate_limit');
  const sessions = auth.sessions === undefined ? {} : table(auth.sessions, 'auth.sessions');
  const requirements = auth.password_requirements ?? '';
  if (!REQUIREMENTS.includes(requirements as PasswordRequirements))
    throw new Error(
      `supabase/config.toml: auth.password_requirements = "${String(requirements)}" is not one of ${REQUIREMENTS.join(', ')}`,
    );
  const duration = (name: string) => {
    const v = sessions[name];
    if (v === undefined || v === '' || v === '0') return null;
    if (typeof v !== 'string')
      throw new Error(`supabase/config.toml: auth.sessions.${name} must be a string like "24h"`);
    return parseDuration(v, `auth.sessions.${name}`) || null;
  };
  return {
    jwtExpiry: int(auth, 'jwt_expiry', 'auth'),
    refreshTokenReuseInterval: int(auth, 'refresh_token_reuse_interval', 'auth'),
    minimumPasswordLength: int(auth, 'minimum_password_length', 'auth'),
    passwordRequirements: requirements as PasswordRequirements,
    rateLimits: {
      signIn: int(limits, 'sign_in_sign_ups', 'auth.rate_limit'),
      tokenRefresh: int(limits, 'token_refresh', 'auth.rate_limit'),
    },
    sessions: { timebox: duration('timebox'), inactivity: duration('inactivity_timeout') },
  };
}

let cached: AuthSettings | undefined;

/** The settings of the repository's supabase/config.toml (read once). */
export function authSettings(): AuthSettings {
  cached ??= authSettingsFrom(readFileSync(CONFIG_TOML, 'utf8'));
  return cached;
}

/**
 * Why `password` breaks the configured rules (GoTrue's wording), or null when it is acceptable. GoTrue counts
 * characters; bcrypt reads at most 72 bytes, so longer passwords are refused too.
 */
export function passwordProblem(
  password: string,
  settings: Pick<AuthSettings, 'minimumPasswordLength' | 'passwordRequirements'> = authSettings(),
): string | null {
  if ([...password].length < settings.minimumPasswordLength)
    return `Password should be at least ${settings.minimumPasswordLength} characters.`;
  if (Buffer.byteLength(password) > 72) return 'Password cannot be longer than 72 bytes.';
  if (password.includes('\0')) return 'Password cannot contain a NUL character.';
  const has = {
    lower: /[a-z]/.test(password),
    upper: /[A-Z]/.test(password),
    letter: /[a-zA-Z]/.test(password),
    digit: /\d/.test(password),
    symbol: /[^a-zA-Z\d]/.test(password),
  };
  const r = settings.passwordRequirements;
  const missing =
    (r === 'letters_digits' && !(has.letter && has.digit)) ||
    ((r === 'lower_upper_letters_digits' || r === 'lower_upper_letters_digits_symbols') &&
      !(has.lower && has.upper && has.digit)) ||
    (r === 'lower_upper_letters_digits_symbols' && !has.symbol);
  if (missing)
    return `Password should contain ${r.replaceAll('_', ' ').replace('lower upper', 'lower- and uppercase').replace('letters digits', 'letters, digits')}.`;
  return null;
}
