/**
 * Settings shared by the browser-test build, the test API and the tests: the site is built against an embedded
 * API on its own port with a fixed test secret, so staff pages can really sign in.
 */
import { apiKeys } from '../../supabase/embedded/api/keys.ts';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4391);
/** The second district's build (tests/e2e/district-example.desktop.test.ts) is served here; the test API allows it. */
export const E2E_EXAMPLE_PORT = E2E_PORT + 1;
/** A build whose list shows compact rows (tests/e2e/list-rows.mobile.test.ts builds and serves it here). */
export const E2E_ROWS_PORT = E2E_PORT + 2;
export const E2E_API_PORT = Number(process.env.E2E_API_PORT ?? E2E_PORT + 50000);
export const E2E_API_URL = `http://127.0.0.1:${E2E_API_PORT}`;
export const E2E_DATA_DIR = '.tmp/e2e-api';
/** Test-only secret (never used outside the browser tests). */
export const E2E_JWT_SECRET = 'e2e-only-secret-for-browser-tests-0123456789';

/** The anon key of the test API (keys are signed asynchronously, once, when this module loads). */
const E2E_ANON_KEY = (await apiKeys(E2E_JWT_SECRET)).anon;

/**
 * The day in Beijing, which both the build (src/lib/facilities/build-today.ts) and the test API's
 * facility_vacancies() judge vacancy figures by: the browser tests expect stale and fresh figures for this day
 * (the site is built just before them). Unit tests fix the day with TUOYU_TODAY instead.
 */
export const E2E_TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Environment for `astro build` so the built site talks to the test API. */
export function e2eBuildEnv(): Record<string, string> {
  // TUOYU_LOCAL_BUILD: a local build (SITE_URL may stay unset), see src/integrations/build-env.ts.
  return { PUBLIC_SUPABASE_URL: E2E_API_URL, PUBLIC_SUPABASE_ANON_KEY: E2E_ANON_KEY, TUOYU_LOCAL_BUILD: '1' };
}

/** Staff accounts the test API creates. */
export const E2E_STAFF = {
  admin: {
    email: 'admin@e2e.test',
    password: 'e2e-admin-Passw0rd',
    role: 'admin' as const,
    displayName: '测试管理员',
  },
  outreach: {
    email: 'outreach@e2e.test',
    password: 'e2e-outreach-Passw0rd',
    role: 'outreach' as const,
    displayName: '测试宣传员',
  },
  /** changed by the team page's tests (role, deactivate, reactivate); no other test relies on it */
  member: {
    email: 'member@e2e.test',
    password: 'e2e-member-Passw0rd',
    role: 'outreach' as const,
    displayName: '测试同事',
  },
};

/**
 * Provider accounts the test API creates (tests/e2e/provider.mobile.test.ts changes their facilities' vacancies and
 * fees, so they keep facilities no other browser test reads): one with one facility, one with two.
 */
export const E2E_PROVIDERS = {
  single: {
    email: 'provider-single@e2e.test',
    password: 'e2e-provider-Passw0rd',
    facilities: ['demo-tangxi-little-sun'],
    displayName: '小太阳托育园 王老师',
  },
  pair: {
    email: 'provider-pair@e2e.test',
    password: 'e2e-provider2-Passw0rd',
    facilities: ['demo-tangxi-young-hearts', 'demo-wusha-young-hearts-community'],
    displayName: '童心托育 李老师',
  },
};

/** An account that is neither staff nor provider yet: the team page's test binds it to facilities. */
export const E2E_UNBOUND = { email: 'unbound@e2e.test', password: 'e2e-unbound-Passw0rd' };
