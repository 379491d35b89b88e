/**
 * Staff accounts from the command line (`npm run staff`, and the first admin of `npm start`): the operator's
 * break-glass path, run as the database's own superuser connection — the equivalent of creating a user in the
 * Supabase dashboard and inserting their app.staff row in the SQL editor. Every change is audited (actor null).
 */
import { randomInt } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { passwordProblem } from '../../supabase/embedded/api/auth-config.ts';
import type { Db, Tx } from '../../supabase/embedded/db/adapter.ts';

export type StaffRole = 'admin' | 'outreach';

/** Letters and digits without look-alikes (0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A random password of four groups of five characters (~115 bits), e.g. `k7Qmz-2xPa9-…`, drawn again until it
 * meets supabase/config.toml's password rules (lower- and uppercase letters and digits).
 */
export function generatePassword(): string {
  const group = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  for (;;) {
    const password = [group(), group(), group(), group()].join('-');
    if (passwordProblem(password) === null) return password;
  }
}

function checkEmail(email: string): string {
  const clean = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(clean) || clean.length > 255)
    throw new Error(`Not an email address: ${email}`);
  return clean;
}

const audit = (tx: Tx, action: string, userId: string, details: Record<string, unknown>) =>
  tx.query(`select app_private.log_audit($1, 'app.staff', $2, $3::jsonb)`, [
    action,
    userId,
    JSON.stringify({ ...details, via: 'command line' }),
  ]);

/**
 * Creates the auth user (or resets their password and lifts a ban) and makes them active staff with `role`.
 * Ends their existing sessions when the password changes. Returns whether the user was new.
 */
export async function addStaff(
  db: Db,
  input: { email: string; role: StaffRole; password: string; displayName?: string },
): Promise<{ created: boolean; userId: string }> {
  const email = checkEmail(input.email);
  if (input.role !== 'admin' && input.role !== 'outreach')
    throw new Error('--role must be admin or outreach');
  const problem = passwordProblem(input.password);
  if (problem) throw new Error(`${problem} (supabase/config.toml's auth settings)`);
  const displayName = (input.displayName ?? email.split('@')[0] ?? email).trim().slice(0, 80) || email;
  return db.transaction(async (tx) => {
    const found = await tx.query<{ id: string }>(
      `select id::text as id from auth.users where lower(email) = $1`,
      [email],
    );
    const hash = `extensions.crypt($2, extensions.gen_salt('bf', 10))`;
    let userId = found.rows[0]?.id;
    if (userId) {
      await tx.query(
        `update auth.users set encrypted_password = ${hash}, banned_until = null, updated_at = now() where id = $1::uuid`,
        [userId, input.password],
      );
      await tx.query(`delete from auth.sessions where user_id = $1::uuid`, [userId]);
    } else {
      const inserted = await tx.query<{ id: string }>(
        `insert into auth.users (email, encrypted_password, email_confirmed_at) values ($1, ${hash}, now()) returning id::text as id`,
        [email, input.password],
      );
      userId = inserted.rows[0]!.id;
    }
    const before = await tx.query(`select 1 from app.staff where user_id = $1::uuid`, [userId]);
    await tx.query(
      `insert into app.staff (user_id, display_name, role, active) values ($1::uuid, $2, $3, true)
       on conflict (user_id) do update set role = excluded.role, active = true,
         display_name = case when $4 then excluded.display_name else app.staff.display_name end`,
      [userId, displayName, input.role, input.displayName !== undefined],
    );
    await audit(tx, before.rows.length ? 'staff.update' : 'staff.create', userId, {
      email,
      role: input.role,
      active: true,
      password_set: true,
    });
    return { created: !found.rows.length, userId };
  });
}

/**
 * Creates a provider account (or resets its password and lifts a ban) bound to `facilities` (replacing earlier
 * bindings): the facility's own staff keep its vacancies, hours and closure current at /staff/. Refuses a staff
 * account and unknown facility ids. Returns whether the user was new.
 */
export async function addProvider(
  db: Db,
  input: { email: string; password: string; facilities: string[]; displayName?: string; phone?: string },
): Promise<{ created: boolean; userId: string }> {
  const email = checkEmail(input.email);
  const problem = passwordProblem(input.password);
  if (problem) throw new Error(`${problem} (supabase/config.toml's auth settings)`);
  if (!input.facilities.length) throw new Error('--facility <id> is required (once per facility)');
  if (input.phone !== undefined && !/^1\d{10}$/.test(input.phone))
    throw new Error('--phone must be an 11-digit mobile number');
  const displayName = (input.displayName ?? email.split('@')[0] ?? email).trim().slice(0, 80) || email;
  return db.transaction(async (tx) => {
    const known = await tx.query<{ id: string }>('select id from app.facilities where id = any ($1)', [
      input.facilities,
    ]);
    const missing = input.facilities.filter((f) => !known.rows.some((r) => r.id === f));
    if (missing.length)
      throw new Error(`No facility with the id ${missing.join(', ')} (see npm run staff -- facilities).`);
    const found = await tx.query<{ id: string; staff: boolean }>(
      `select u.id::text as id, exists (select 1 from app.staff s where s.user_id = u.id) as staff
       from auth.users u where lower(u.email) = $1`,
      [email],
    );
    if (found.rows[0]?.staff)
      throw new Error(`${email} is a staff account; a provider needs its own account.`);
    const hash = `extensions.crypt($2, extensions.gen_salt('bf', 10))`;
    let userId = found.rows[0]?.id;
    if (userId) {
      await tx.query(
        `update auth.users set encrypted_password = ${hash}, banned_until = null, updated_at = now() where id = $1::uuid`,
        [userId, input.password],
      );
      await tx.query('delete from auth.sessions where user_id = $1::uuid', [userId]);
    } else {
      const inserted = await tx.query<{ id: string }>(
        `insert into auth.users (email, encrypted_password, email_confirmed_at) values ($1, ${hash}, now()) returning id::text as id`,
        [email, input.password],
      );
      userId = inserted.rows[0]!.id;
    }
    await tx.query(
      `insert into app.providers (user_id, display_name, phone, active) values ($1::uuid, $2, $3, true)
       on conflict (user_id) do update set display_name = excluded.display_name,
         phone = coalesce(excluded.phone, app.providers.phone), active = true`,
      [userId, displayName, input.phone ?? null],
    );
    await tx.query(
      'delete from app.provider_facilities where user_id = $1::uuid and not (facility_id = any ($2))',
      [userId, input.facilities],
    );
    await tx.query(
      'insert into app.provider_facilities (user_id, facility_id) select $1::uuid, unnest($2::text[]) on conflict do nothing',
      [userId, input.facilities],
    );
    await tx.query(`select app_private.log_audit($1, 'app.providers', $2, $3::jsonb)`, [
      found.rows.length ? 'provider.update' : 'provider.create',
      userId,
      JSON.stringify({
        email,
        display_name: displayName,
        facilities: input.facilities,
        password_set: true,
        via: 'command line',
      }),
    ]);
    return { created: !found.rows.length, userId };
  });
}

/** Deactivates a staff member, bans their sign-in and ends their sessions. Refuses the last active admin. */
export async function disableStaff(db: Db, rawEmail: string): Promise<void> {
  const email = checkEmail(rawEmail);
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; role: string | null; active: boolean | null }>(
      `select u.id::text as id, s.role, s.active from auth.users u left join app.staff s on s.user_id = u.id where lower(u.email) = $1`,
      [email],
    );
    const user = rows[0];
    if (!user) throw new Error(`No account with the email ${email}.`);
    if (user.role === 'admin' && user.active) {
      const admins = await tx.query<{ n: number }>(
        `select count(*)::int as n from app.staff where role = 'admin' and active`,
      );
      if ((admins.rows[0]?.n ?? 0) <= 1)
        throw new Error(`${email} is the last active admin; make someone else an admin first.`);
    }
    await tx.query(`update app.staff set active = false where user_id = $1::uuid`, [user.id]);
    await tx.query(`update app.providers set active = false where user_id = $1::uuid`, [user.id]);
    await tx.query(
      `update auth.users set banned_until = 'infinity', updated_at = now() where id = $1::uuid`,
      [user.id],
    );
    await tx.query(`delete from auth.sessions where user_id = $1::uuid`, [user.id]);
    await audit(tx, 'staff.disable', user.id, { email, active: false });
  });
}

export interface StaffListing {
  email: string;
  display_name: string;
  role: string;
  active: boolean;
}

export async function listStaff(db: Db): Promise<StaffListing[]> {
  const { rows } = await db.query<StaffListing>(
    `select u.email::text as email, s.display_name, s.role, s.active from app.staff s join auth.users u on u.id = s.user_id order by s.active desc, u.email`,
  );
  return rows;
}

/**
 * `npm start`'s first run: when there is no staff member at all, creates an admin with a generated password and
 * writes the password to `<dataDir>/first-admin-password`, readable by its owner only (0600), never to the log:
 * terminal scroll-back and captured service logs outlive it. Returns the email and the file's path to print. Later
 * runs return null.
 */
export async function ensureFirstAdmin(
  db: Db,
  email: string,
  dataDir: string,
): Promise<{ email: string; passwordFile: string } | null> {
  const { rows } = await db.query<{ any: boolean }>(`select exists (select from app.staff) as any`);
  if (rows[0]?.any) return null;
  const password = generatePassword();
  const passwordFile = resolve(join(dataDir, FIRST_ADMIN_PASSWORD_FILE));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A stale file (from a wiped database) is replaced, never reused: 'wx' creates it new with mode 0600.
  rmSync(passwordFile, { force: true });
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(passwordFile, 0o600);
  try {
    await addStaff(db, { email, role: 'admin', password, displayName: '管理员 Admin' });
  } catch (error) {
    rmSync(passwordFile, { force: true });
    throw error;
  }
  return { email: checkEmail(email), passwordFile };
}

/** The file (inside the data folder) that holds the first admin's generated password. */
export const FIRST_ADMIN_PASSWORD_FILE = 'first-admin-password';
