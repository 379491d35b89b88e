/**
 * `npm start`: the whole product on one machine. Starts the embedded Supabase-compatible API on
 * http://127.0.0.1:54321 (bootstrap + migrations + seed on first run, data in .data/), creates the first staff
 * admin (its password in a 0600 file whose path is printed), builds the site if stale (pointing it at the API) and serves it on
 * http://localhost:4321. Ctrl-C stops both. PUBLIC_SUPABASE_URL / PUBLIC_SUPABASE_ANON_KEY point the site at a
 * real Supabase project instead (the embedded API still starts, unused by the site).
 */
import { DataDirLocked } from '../supabase/embedded/api/lock.ts';
import { UnsafeDataDir } from '../supabase/embedded/api/data-dir.ts';
import { BadConnectionString } from '../supabase/embedded/db/connection-string.ts';
import { startApi } from '../supabase/embedded/api/start.ts';
import type { Db } from '../supabase/embedded/db/adapter.ts';
import { buildIfStale, isStale } from './lib/build-if-stale.ts';
import { watchFacilityChanges } from './lib/facility-rebuild.ts';
import { rmSync } from 'node:fs';
import { scheduleDailyJobs } from './lib/daily-maintenance.ts';
import { ensureFirstAdmin } from './lib/staff-accounts.ts';
import { createStaticServer, listen } from './lib/static-server.ts';
import { onShutdown } from '../supabase/embedded/api/on-shutdown.ts';
import { DISTRICT } from '../src/districts/index.ts';

const dataDir = process.env.TUOYU_DATA_DIR || '.data';
const sitePort = Number(process.env.PORT ?? 4321);
// CORS: the API answers the browser only for the site's own origin(s).
const siteOrigins =
  process.env.TUOYU_SITE_ORIGINS || `http://localhost:${sitePort},http://127.0.0.1:${sitePort}`;
// The first admin is created on the superuser's connection, before the API switches to authenticator.
let firstAdmin = null as Awaited<ReturnType<typeof ensureFirstAdmin>>;
const afterMigrate = async (db: Db) => {
  firstAdmin = await ensureFirstAdmin(db, process.env.TUOYU_ADMIN_EMAIL || 'admin@tuoyu.local', dataDir);
};
const api = await startApi({ env: { ...process.env, TUOYU_SITE_ORIGINS: siteOrigins }, afterMigrate }).catch(
  (error: unknown) => {
    if (error instanceof UnsafeDataDir) console.error(`\n${error.message}\nnpm start refuses to run on it.`);
    else if (error instanceof BadConnectionString) console.error(`\n${error.message}`);
    else if (error instanceof DataDirLocked)
      console.error(`\n${error.message}\nStop it first (Ctrl-C in its terminal), then run npm start again.`);
    else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      console.error(
        `\nPort ${process.env.SUPABASE_API_PORT || 54321} is in use (a local Supabase?). Set SUPABASE_API_PORT to another port.`,
      );
    else console.error(error);
    process.exit(1);
  },
);
if (api.applied.length)
  console.log(`Database: applied ${api.applied.length} file(s) (${api.applied.join(', ')}).`);

// Retention purges (survey follow-up phones after 180 days, names and phones of lecture sign-ups 30 days after the
// event): now and every 24 hours, as service_role on the API's own (authenticator) connection.
const maintenance = scheduleDailyJobs(api.db);
await maintenance.ran;

// The site calls the embedded API unless the user pointed it at a Supabase project.
const external = process.env.PUBLIC_SUPABASE_URL;
// The district is baked into the build too: switching TUOYU_DISTRICT rebuilds dist/.
const siteEnv = {
  ...(external
    ? { PUBLIC_SUPABASE_URL: external, PUBLIC_SUPABASE_ANON_KEY: process.env.PUBLIC_SUPABASE_ANON_KEY ?? '' }
    : { PUBLIC_SUPABASE_URL: api.url, PUBLIC_SUPABASE_ANON_KEY: api.keys.anon }),
  TUOYU_DISTRICT: DISTRICT.id,
};
const facilityStamp = `${dataDir}/site-facilities-built.json`;
try {
  // A fresh build reads the YAML files and the questionnaire workbook (the API cannot answer a synchronous build):
  // the watcher below then rebuilds from the database if the data there differs (a provider's edit, a published
  // questionnaire version).
  if (isStale({ env: siteEnv, stampFile: `${dataDir}/site-build-env.json` }))
    rmSync(facilityStamp, { force: true });
  buildIfStale({ env: siteEnv, stampFile: `${dataDir}/site-build-env.json` });
} catch (error) {
  console.error((error as Error).message);
  await api.close();
  process.exit(1);
}

// Facilities changed by providers or staff, or a questionnaire version published by an admin: rebuild the pages
// from the database within a minute (20 s polls).
const rebuilds = external
  ? null
  : watchFacilityChanges({
      api: { url: api.url, key: api.keys.anon },
      env: siteEnv,
      stampFile: facilityStamp,
    });
void rebuilds?.check();

const site = createStaticServer('dist');
const siteUrl = (await listen(site, sitePort, process.env.HOST ?? '127.0.0.1')).replace(
  '127.0.0.1',
  'localhost',
);
const lines = [
  '',
  `  ${DISTRICT.app.name['zh-CN']} / ${DISTRICT.app.name.en} is running:`,
  `    site      ${siteUrl}/`,
  `    English   ${siteUrl}/en/`,
  `    staff     ${siteUrl}/staff/   (sign in with a staff account)`,
  `    API       ${api.url}   (embedded Supabase API, data in ${dataDir}/)`,
];
if (external)
  lines.push(
    `    The site uses ${external} (PUBLIC_SUPABASE_URL); the embedded API is running but unused by it.`,
  );
if (firstAdmin) {
  lines.push(
    '',
    '  First start: created the staff admin account',
    `    email     ${firstAdmin.email}`,
    `    password  in ${firstAdmin.passwordFile} (readable by you only; delete it once you have signed in)`,
    '    Lost it? `npm run staff -- add <email> --role admin` sets a new one.',
  );
} else
  lines.push(
    '',
    '  Staff accounts: npm run staff -- add <email> --role admin|outreach (with npm start stopped).',
  );
lines.push('', '  Press Ctrl-C to stop.', '');
console.log(lines.join('\n'));

onShutdown(async () => {
  console.log('Stopping…');
  maintenance.stop();
  rebuilds?.stop();
  site.close();
  site.closeAllConnections();
  await api.close();
});
