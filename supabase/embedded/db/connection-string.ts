/**
 * DATABASE_URL in any form PostgreSQL's libpq accepts, as one URL the `pg` driver (and `new URL`) can read:
 *   postgresql://user:pw@host:5432/db?sslmode=require        (as is)
 *   postgresql://authenticator@/tuoyu?host=/var/run/postgresql  (empty host: the socket in `host=`; WHATWG URL
 *                                                               refuses a user without a host, so `localhost` is
 *                                                               written in and the `host` parameter overrides it)
 *   postgres:///tuoyu                                          (empty host, no user)
 *   host=/var/run/postgresql dbname=tuoyu user=authenticator   (keyword/value, values may be 'quoted')
 * Anything else is a BadConnectionString with a one-line message that never repeats the password.
 */

export class BadConnectionString extends Error {}

const KEYWORDS: Record<string, string> = {
  host: 'host',
  hostaddr: 'host',
  port: 'port',
  dbname: 'dbname',
  user: 'user',
  password: 'password',
  sslmode: 'sslmode',
  application_name: 'application_name',
  connect_timeout: 'connect_timeout',
  options: 'options',
};

/** `key=value` pairs of a libpq keyword/value string (values quoted with '…', backslash escapes). */
function keywordValues(s: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([a-z_]+)\s*=\s*(?:'((?:\\.|[^'\\])*)'|([^\s']+))\s*/y;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m)
      throw new BadConnectionString(
        `${what} is neither a postgresql:// URL nor key=value pairs (at character ${at + 1}).`,
      );
    const key = m[1]!;
    if (!(key in KEYWORDS)) throw new BadConnectionString(`${what}: unknown connection keyword "${key}".`);
    out[KEYWORDS[key]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    at = re.lastIndex;
  }
  return out;
}

/** One `postgresql://` URL for `value`, or BadConnectionString. `what` names it in messages (e.g. DATABASE_URL). */
export function normalizeConnectionString(value: string, what = 'The database URL'): string {
  const s = value.trim();
  if (/^postgres(ql)?:\/\//i.test(s)) {
    const fixed = s.replace(
      /^(postgres(?:ql)?:\/\/)([^/?#@]*@)?(?=[:/?#]|$)/i,
      (_m, scheme: string, user = '') => (user ? `${scheme}${user}localhost` : scheme),
    );
    try {
      const url = new URL(fixed);
      if (user(url) === undefined) throw new Error();
      // libpq reads `?port=` too; pg reads only the port in the authority.
      const port = url.searchParams.get('port');
      if (port !== null && !url.port && url.hostname) {
        if (!/^\d{1,5}$/.test(port)) throw new Error();
        url.searchParams.delete('port');
        url.port = port;
        return url.toString();
      }
      return fixed;
    } catch {
      throw new BadConnectionString(
        `${what} is not a valid postgresql:// URL (check its user, host, port and %-escapes).`,
      );
    }
  }
  if (!s.includes('='))
    throw new BadConnectionString(`${what} is neither a postgresql:// URL nor key=value pairs.`);
  const kv = keywordValues(s, what);
  const enc = encodeURIComponent;
  const auth = kv.user ? `${enc(kv.user)}${kv.password ? `:${enc(kv.password)}` : ''}@` : '';
  const socket = kv.host?.startsWith('/');
  const host = kv.host && !socket ? kv.host : 'localhost';
  const params = new URLSearchParams();
  if (socket) params.set('host', kv.host!);
  for (const k of ['sslmode', 'application_name', 'connect_timeout', 'options'])
    if (kv[k] !== undefined) params.set(k, kv[k]!);
  const query = params.size ? `?${params}` : '';
  return `postgresql://${auth}${host.includes(':') ? `[${host}]` : host}${kv.port ? `:${kv.port}` : ''}/${enc(kv.dbname ?? kv.user ?? '')}${query}`;
}

function user(url: URL): string | undefined {
  try {
    return decodeURIComponent(url.username);
  } catch {
    return undefined;
  }
}
