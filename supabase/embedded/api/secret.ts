/**
 * The project's JWT secret: `JWT_SECRET` from the environment if set (e.g. to match a self-hosted Supabase),
 * otherwise `<dataDir>/jwt-secret`, generated on first start with mode 0600. `.data/` is ignored by git, so the
 * secret is never committed; deleting the file signs everyone out and changes the anon key.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** GoTrue and PostgREST require at least 32 characters for an HS256 secret. */
export const MIN_SECRET_LENGTH = 32;

export function loadSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.JWT_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) throw new Error(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters.`);
    return fromEnv;
  }
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`${file} is shorter than ${MIN_SECRET_LENGTH} characters; delete it to generate a new one.`);
    return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx': never overwrite a secret another process wrote a moment ago.
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecret(dataDir, env);
    throw error;
  }
  chmodSync(file, 0o600);
  return secret;
}
