/**
 * No person in the database server's log: PostgreSQL logs the text of every statement that fails
 * (`log_min_error_statement = error`, its default). The API sends each call's arguments and the request's settings
 * (claims, headers with the client address) as bound parameters, so the logged statement holds `$1`, `$2` and never
 * a value. Failed calls with a known name, phone number, code and client address, then the server log is read:
 * the failures are there (ERROR + STATEMENT lines), the person is not.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPostgres } from '../../supabase/embedded/db/postgres.ts';
import { authenticatorUrl } from '../../supabase/embedded/db/serving.ts';
import { findPostgres, startCluster, type Cluster } from '../db/pg-cluster.ts';
import { prepareTestDatabase, startTestApi, type TestApi } from './harness.ts';

const binaries = findPostgres();
const missing = 'missing' in binaries ? binaries.missing : undefined;
if (missing && process.env.CI === 'true') {
  test('server log: PostgreSQL 15 is available (required when CI=true)', () => {
    throw new Error(missing);
  });
} else if (missing) console.warn(`\n!!! Server-log test on PostgreSQL 15 SKIPPED: ${missing}\n`);

const NAME = '日志测试人';
const PHONE = '13987654321';
const CODE = 'QWERTYZX';
const ADDRESS = '10.123.45.67';

describe.skipIf(missing !== undefined)('PostgreSQL 15 server log after failed calls', () => {
  let cluster: Cluster;
  let api: TestApi;

  beforeAll(async () => {
    if ('missing' in binaries) throw new Error(binaries.missing);
    cluster = await startCluster(binaries);
    const url = await cluster.createDatabase('tuoyu_log');
    const db = openPostgres(url, 2);
    await prepareTestDatabase(db);
    // The settings a careless deployment might have on top of the defaults: every failing statement logged.
    await db.exec(`alter database tuoyu_log set log_min_error_statement = 'error'`);
    api = await startTestApi({
      db,
      serving: openPostgres(authenticatorUrl(url), 4),
      server: { trustProxy: true },
    });
  });
  afterAll(async () => {
    await api?.close();
    await api?.serving.close();
    await api?.db.close();
    cluster?.stop();
  });

  test('holds the failures but no name, phone number, code or client address', async () => {
    const anon = api.client(undefined, { 'x-forwarded-for': ADDRESS });
    const unknownEvent = '00000000-0000-4000-8000-000000000000';
    const failures = [
      await anon.rpc('sign_up_for_lecture', {
        p_event_id: unknownEvent,
        p_name: NAME,
        p_mobile: PHONE,
        p_adults: 1,
        p_child_age_band: 'under_1',
        p_consent: true,
      }),
      await anon.rpc('lookup_lecture_registration', { p_mobile: PHONE, p_code: CODE }),
      await anon.rpc('cancel_lecture_registration', { p_mobile: PHONE, p_code: CODE }),
      // A type error (the event id is not a uuid) fails in the call's own statement, not inside a function.
      await anon.rpc('sign_up_for_lecture', {
        p_event_id: 'not-a-uuid',
        p_name: NAME,
        p_mobile: PHONE,
        p_adults: 1,
        p_child_age_band: 'under_1',
        p_consent: true,
      }),
    ];
    // Two more type errors that carry the person's data into the failing statement's parameters.
    for (const bad of [{ p_adults: 'two' }, { p_consent: 'maybe' }])
      failures.push(
        await anon.rpc('sign_up_for_lecture', {
          p_event_id: unknownEvent,
          p_name: NAME,
          p_mobile: PHONE,
          p_adults: 1,
          p_child_age_band: 'under_1',
          p_consent: true,
          ...bad,
        }),
      );
    for (const f of failures) expect(f.error, JSON.stringify(f)).not.toBeNull();
    const log = readFileSync(cluster.logFile, 'utf8');
    // The failures that raise were logged with their statements (otherwise this test would prove nothing): the three
    // type errors. Sign-up, look-up and cancel refusals are returned, not raised (every attempt counts), so the
    // server logs nothing for them at all.
    expect(log.match(/ERROR: {2}/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(log).toMatch(/STATEMENT: {2}select embedded_api\."call_as_anon"\(\$1, \$2::pg_catalog\.json\)/);
    // …and nothing of the person.
    for (const secret of [NAME, PHONE, CODE, ADDRESS, '139 8765 4321']) expect(log).not.toContain(secret);
  });
});
