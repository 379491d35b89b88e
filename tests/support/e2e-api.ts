/**
 * The browser tests' API: a fresh embedded API (PGlite in .tmp/e2e-api) with the test secret and two staff
 * accounts. Started by playwright.config.ts as a webServer; Ctrl-C / SIGTERM close it.
 */
import { rmSync } from 'node:fs';
import { startApi } from '../../supabase/embedded/api/start.ts';
import { addProvider, addStaff } from '../../scripts/lib/staff-accounts.ts';
import { onShutdown } from '../../supabase/embedded/api/on-shutdown.ts';
import {
  E2E_API_PORT,
  E2E_DATA_DIR,
  E2E_EXAMPLE_PORT,
  E2E_JWT_SECRET,
  E2E_PORT,
  E2E_PROVIDERS,
  E2E_ROWS_PORT,
  E2E_STAFF,
  E2E_UNBOUND,
} from './e2e-env.ts';

rmSync(E2E_DATA_DIR, { recursive: true, force: true });
const api = await startApi({
  port: E2E_API_PORT,
  env: {
    TUOYU_DATA_DIR: E2E_DATA_DIR,
    JWT_SECRET: E2E_JWT_SECRET,
    TUOYU_SITE_ORIGINS: `http://127.0.0.1:${E2E_PORT},http://localhost:${E2E_PORT},http://127.0.0.1:${E2E_EXAMPLE_PORT},http://127.0.0.1:${E2E_ROWS_PORT}`,
    // Tests that check the lock-out give their requests their own X-Forwarded-For, so they get their own bucket.
    TUOYU_TRUST_PROXY: '1',
  },
  // Staff accounts on the superuser's connection, before the API switches to authenticator.
  afterMigrate: async (db) => {
    for (const s of Object.values(E2E_STAFF)) await addStaff(db, s);
    for (const p of Object.values(E2E_PROVIDERS)) await addProvider(db, p);
    await db.query(
      `insert into auth.users (email, encrypted_password, email_confirmed_at) values ($1, extensions.crypt($2, extensions.gen_salt('bf', 4)), now())`,
      [E2E_UNBOUND.email, E2E_UNBOUND.password],
    );
    // The browser tests cannot make the server's clock pass: no wait after a start token here (the 20 s rule and
    // its refusal are tested in tests/db/survey.test.ts). The page still fetches and sends the token.
    await db.query('update app_private.survey_settings set min_fill_seconds = 0');
    // The questionnaire the site is built with was published by prepareDatabase's seed (survey-form-seed.ts).
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from app.survey_forms');
    if (rows[0]?.n !== 1) throw new Error('the e2e API expected the seed to publish the questionnaire');
  },
});
console.log(`e2e API ready on ${api.url}`);
onShutdown(() => api.close());
