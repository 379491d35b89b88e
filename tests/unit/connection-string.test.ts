/** DATABASE_URL in every form libpq accepts becomes one URL pg reads; a bad one is a one-line error without secrets. */
import { describe, expect, test } from 'vitest';
import pgConnectionString from 'pg-connection-string';
import {
  BadConnectionString,
  normalizeConnectionString,
} from '../../supabase/embedded/db/connection-string.ts';

const parsed = (s: string) => {
  const c = pgConnectionString.parse(normalizeConnectionString(s));
  return {
    host: c.host,
    port: c.port ?? undefined,
    database: c.database,
    user: c.user,
    password: c.password,
  };
};

describe('normalizeConnectionString', () => {
  test.each([
    [
      'postgresql://authenticator@/tuoyu?host=/var/run/postgresql',
      { host: '/var/run/postgresql', database: 'tuoyu', user: 'authenticator' },
    ],
    ['postgres:///tuoyu?host=/tmp', { host: '/tmp', database: 'tuoyu' }],
    [
      'postgresql://authenticator:s%40cret@db.internal:6543/tuoyu?sslmode=require',
      { host: 'db.internal', port: '6543', database: 'tuoyu', user: 'authenticator', password: 's@cret' },
    ],
    [
      "host=/var/run/postgresql dbname=tuoyu user=authenticator password='a b\\'c'",
      { host: '/var/run/postgresql', database: 'tuoyu', user: 'authenticator', password: "a b'c" },
    ],
    [
      'host=10.0.0.5 port=5433 dbname=tuoyu user=app',
      { host: '10.0.0.5', port: '5433', database: 'tuoyu', user: 'app' },
    ],
  ])('%s', (input, want) => {
    expect(parsed(input)).toMatchObject(want);
  });

  test.each([
    'postgresql://user:secret-pw@host:notaport/db',
    'mysql://user@host/db',
    'host=/tmp dbname=x sslcert',
    'colour=blue',
  ])('%s → one line, no password', (input) => {
    let error: unknown;
    try {
      normalizeConnectionString(input, 'DATABASE_URL');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadConnectionString);
    expect((error as Error).message).toMatch(/^DATABASE_URL[^\n]+$/);
    expect((error as Error).message).not.toContain('secret-pw');
  });
});
