/**
 * What a build needs from its environment, and when a missing value stops it.
 *
 * `astro build` (and `npm run build`) is a production build: it stops, naming each variable, when
 * PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY or SITE_URL is unset, instead of shipping `localhost` in the API
 * URL and the hreflang links. The local scripts opt into local defaults with TUOYU_LOCAL_BUILD=1 (`npm start`,
 * `npm test`, the tests that build); `astro dev` never checks.
 */

/** Set to 1 by local builds: unset values take the local defaults below. */
const LOCAL_BUILD_FLAG = 'TUOYU_LOCAL_BUILD';
/** The embedded API of `npm start`. */
export const LOCAL_SUPABASE_URL = 'http://127.0.0.1:54321';

type Env = Record<string, string | undefined>;

const REQUIRED: {
  name: string;
  what: string;
  value: (env: Env, site: string | undefined) => string | undefined;
}[] = [
  {
    name: 'PUBLIC_SUPABASE_URL',
    what: 'the Supabase API the browser calls, e.g. https://<ref>.supabase.co',
    value: (env) => env.PUBLIC_SUPABASE_URL,
  },
  {
    name: 'PUBLIC_SUPABASE_ANON_KEY',
    what: "that API's anon key",
    value: (env) => env.PUBLIC_SUPABASE_ANON_KEY,
  },
  {
    name: 'SITE_URL',
    what: "the site's public URL for its hreflang links, e.g. https://tuoyu.example.gov.cn",
    value: (_env, site) => site,
  },
];

function isLocalBuild(env: Env): boolean {
  return env[LOCAL_BUILD_FLAG] === '1';
}

/** The problems that stop a production build (empty when it may go on). */
export function productionEnvProblems(env: Env, site: string | undefined): string[] {
  if (isLocalBuild(env)) return [];
  const problems = REQUIRED.filter((r) => !r.value(env, site)?.trim()).map(
    (r) => `${r.name} is not set (${r.what})`,
  );
  const url = env.PUBLIC_SUPABASE_URL?.trim();
  if (url && !/^https?:\/\/[^/]/.test(url))
    problems.push(`PUBLIC_SUPABASE_URL is not an http(s) URL: ${url}`);
  return problems;
}

export class ProductionEnvError extends Error {
  constructor(problems: string[]) {
    super(
      `This production build needs its public settings:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        `Set them (docs/deploy.md, "Build and publish the site"), or set ${LOCAL_BUILD_FLAG}=1 for a local build ` +
        'with local defaults (npm start and npm test do).',
    );
    this.name = 'ProductionEnvError';
  }
}

/** The API URL the build bakes in: the configured one, or (local builds) the embedded API. */
export function supabaseUrl(env: Env): string {
  return env.PUBLIC_SUPABASE_URL?.trim() || LOCAL_SUPABASE_URL;
}
