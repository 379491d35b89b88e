/**
 * `npm run staff -- <command>`: staff accounts on the embedded database (.data/) or on a PostgreSQL:
 * DATABASE_ADMIN_URL if set, else DATABASE_URL — a superuser URL either way: this is the operator's break-glass
 * path (writes auth.users and app.staff directly), never the API's `authenticator`.
 *
 *   add <email> --role admin|outreach [--name <display name>] [--password-stdin]
 *       creates the account (or resets its password and re-activates it); prints a generated password once,
 *       or reads the password from stdin with --password-stdin
 *   add-provider <email> --facility <id> [--facility <id> …] [--name <name>] [--phone <mobile>] [--password-stdin]
 *       a facility's own account: keeps those facilities' vacancies, hours and closure current at /staff/;
 *       prints a one-time password (give it to the provider in person; they sign in at /staff/)
 *   facilities           every facility's id and name (for --facility)
 *   disable <email>      deactivates the staff member, blocks sign-in and ends their sessions
 *   list                 every staff member
 *
 * The embedded database belongs to one process at a time: stop `npm start` first. For a Supabase project, see
 * docs/deploy.md ("Staff accounts").
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../supabase/embedded/db/migrate.ts';
import { openDb } from '../supabase/embedded/db/open.ts';
import type { Db } from '../supabase/embedded/db/adapter.ts';
import { DataDirLocked, lockDataDir } from '../supabase/embedded/api/lock.ts';
import { secureDataDir, tightenDataDir } from '../supabase/embedded/api/data-dir.ts';
import {
  addProvider,
  addStaff,
  disableStaff,
  generatePassword,
  listStaff,
  type StaffRole,
} from './lib/staff-accounts.ts';

const USAGE = `usage:
  npm run staff -- add <email> --role admin|outreach [--name <display name>] [--password-stdin]
  npm run staff -- add-provider <email> --facility <id> [--facility <id> …] [--name <name>] [--phone <mobile>] [--password-stdin]
  npm run staff -- facilities
  npm run staff -- disable <email>
  npm run staff -- list`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_ADMIN_URL || process.env.DATABASE_URL || undefined;
  const dataDir = process.env.TUOYU_DATA_DIR || '.data';
  let release = () => {};
  if (!databaseUrl) {
    secureDataDir(dataDir);
    try {
      release = lockDataDir(dataDir);
    } catch (error) {
      if (error instanceof DataDirLocked) {
        throw new Error(
          `${error.message}\nStop npm start (Ctrl-C), run this command, then start again. (Staff console admins can change roles while it runs.)`,
        );
      }
      throw error;
    }
  }
  const db = await openDb({ dataDir: join(dataDir, 'pglite'), databaseUrl: databaseUrl ?? '' });
  try {
    await prepareDatabase(db, { seed: false });
    return await fn(db);
  } finally {
    await db.close();
    release();
    if (!databaseUrl) tightenDataDir(dataDir);
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      facility: { type: 'string', multiple: true },
      phone: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, email] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (command === 'add' && email) {
    const role = values.role as StaffRole;
    if (role !== 'admin' && role !== 'outreach')
      throw new Error('--role admin or --role outreach is required');
    const given = values['password-stdin'] ? await readStdin() : undefined;
    const password = given ?? generatePassword();
    const { created } = await withDatabase((db) =>
      addStaff(db, { email, role, password, displayName: values.name }),
    );
    console.log(
      `${created ? 'Created' : 'Updated'} ${email.trim().toLowerCase()} as ${role}${created ? '' : ' (re-activated; password replaced; signed out everywhere)'}.`,
    );
    if (!given) console.log(`Password (shown only now): ${password}`);
    return 0;
  }
  if (command === 'add-provider' && email) {
    const given = values['password-stdin'] ? await readStdin() : undefined;
    const password = given ?? generatePassword();
    const facilities = values.facility ?? [];
    const { created } = await withDatabase((db) =>
      addProvider(db, { email, password, facilities, displayName: values.name, phone: values.phone }),
    );
    console.log(
      `${created ? 'Created' : 'Updated'} provider ${email.trim().toLowerCase()} for ${facilities.join(', ')}${created ? '' : ' (re-activated; password replaced; signed out everywhere)'}.`,
    );
    if (!given) console.log(`One-time password (shown only now; give it in person): ${password}`);
    return 0;
  }
  if (command === 'facilities') {
    const rows = await withDatabase(
      async (db) =>
        (await db.query<{ id: string; name: string }>('select id, name from app.facilities order by id'))
          .rows,
    );
    for (const r of rows) console.log(`${r.id}  ${r.name}`);
    return 0;
  }
  if (command === 'disable' && email) {
    await withDatabase((db) => disableStaff(db, email));
    console.log(`Disabled ${email}: no staff access, cannot sign in, sessions ended.`);
    return 0;
  }
  if (command === 'list') {
    const rows = await withDatabase(listStaff);
    if (!rows.length) console.log('No staff accounts yet.');
    for (const r of rows)
      console.log(
        `${r.active ? ' ' : 'x'} ${r.role.padEnd(8)} ${r.email}  (${r.display_name})${r.active ? '' : '  disabled'}`,
      );
    return 0;
  }
  console.error(USAGE);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`staff: ${(error as Error).message}`);
    process.exit(1);
  },
);
