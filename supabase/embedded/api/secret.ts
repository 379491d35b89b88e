/**
 * The project's JWT secret: `JWT_SECRET` from the environment if set (e.g. to match a self-hosted Supabase),
 * otherwise `<dataDir>/jwt-secret`, generated on first start with mode 0600. `.data/` is ignored by git, so the
 * secret is never committed; deleting the file signs everyone out and changes the anon key.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** GoTrue and PostgREST require at least 32 characters for an HS256 secret. */
const MIN_SECRET_LENGTH = 32;

/**
 * Secrets published in Supabase's own setup files (the CLI's local default, the self-hosting `.env.example`):
 * anyone can sign a service_role token with them, so they are refused everywhere.
 */
export const DEMO_SECRETS = [
  'super-secret-jwt-token-with-at-least-32-characters-long',
  'your-super-secret-jwt-token-with-at-least-32-characters-long',
];

/** Throws when `secret` is too short or one of the published demo secrets. */
export function assertUsableSecret(secret: string, source: string): void {
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(`${source} must be at least ${MIN_SECRET_LENGTH} characters.`);
  if (DEMO_SECRETS.includes(secret.trim()))
    throw new Error(
      `${source} is a published demo secret (from Supabase's setup files); anyone could sign tokens with it. Use a random one, e.g. \`openssl rand -base64 48\`.`,
    );
}

export function loadSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.JWT_SECRET?.trim();
  if (fromEnv) {
    assertUsableSecret(fromEnv, 'JWT_SECRET');
    return fromEnv;
  }
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < MIN_SECRET_LENGTH)
      throw new Error(
        `${file} is shorter than ${MIN_SECRET_LENGTH} characters; delete it to generate a new one.`,
      );
    assertUsableSecret(secret, file);
    return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx': never overwrite a secret another process wrote a moment ago.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecret(dataDir, env);
    throw error;
  }
  chmodSync(file, 0o600);
  return secret;
}
