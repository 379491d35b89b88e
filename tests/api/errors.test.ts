import { describe, expect, test, vi } from 'vitest';
import {
  fromDatabaseError,
  isDatabaseUnavailable,
  logError,
  statusForSqlState,
} from '../../supabase/embedded/api/errors.ts';

describe('statusForSqlState', () => {
  test.each([
    ['42501', false, 401],
    ['42501', true, 403],
    ['P0001', true, 400],
    ['23505', true, 409],
    ['23503', false, 409],
    ['23514', false, 400],
    ['22P02', false, 400],
    ['42883', false, 404],
    ['25006', false, 405],
    ['57014', true, 500],
    ['53300', true, 503],
    ['08006', true, 503],
    ['40001', true, 500],
    ['P0002', true, 500],
    ['XX000', true, 500],
    // PostgREST's table: 54* "too complex" → 500 (not 413), 53400 "config limit exceeded" → 500 (other 53* → 503),
    // 42P17 "infinite recursion" → 500, 42P01 → 404, other codes → 400.
    ['54001', false, 500],
    ['54000', true, 500],
    ['53400', false, 500],
    ['53200', false, 503],
    ['42P17', true, 500],
    ['42P01', false, 404],
    ['42703', false, 400],
    ['22021', false, 400],
    // The rest of PostgREST's table (docs references/errors, "HTTP Status Codes"), class by class.
    ['09000', false, 500],
    ['0L000', true, 403],
    ['0P000', false, 403],
    ['25001', true, 500],
    ['28000', false, 403],
    ['28P01', true, 403],
    ['2D000', true, 500],
    ['38000', true, 500],
    ['39000', true, 500],
    ['3B000', true, 500],
    ['55000', true, 500],
    ['55P03', false, 500],
    ['58000', true, 500],
    ['F0000', true, 500],
    ['HV000', true, 500],
    ['P0003', false, 500],
    ['23502', false, 400],
    ['23P01', false, 400],
    // Custom SQLSTATEs: PTnnn is HTTP nnn whoever calls (how our functions refuse); unreadable digits are 500.
    ['PT400', false, 400],
    ['PT401', false, 401],
    ['PT401', true, 401],
    ['PT403', true, 403],
    ['PT404', false, 404],
    ['PT409', true, 409],
    ['PT429', false, 429],
    ['PT402', true, 402],
    ['PT503', false, 503],
    ['PTX04', false, 500],
    ['PT4A4', true, 500],
  ])('maps %s (authenticated %s) to %i as PostgREST does', (code, authed, status) => {
    expect(statusForSqlState(code, authed)).toBe(status);
  });
});

describe('fromDatabaseError', () => {
  test('a PTnnn refusal keeps its machine code in details and is not logged as a failure', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    try {
      const e = fromDatabaseError(
        { code: 'PT404', message: 'no such event', detail: 'lecture:no_event', hint: null },
        false,
      );
      expect(e.status).toBe(404);
      expect(e.body).toEqual({
        code: 'PT404',
        message: 'no such event',
        details: 'lecture:no_event',
        hint: null,
      });
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual([]);
  });

  test('returns a PostgREST body from a database error', () => {
    const e = fromDatabaseError(
      { code: '23514', message: 'violates check', detail: 'Failing row', hint: '' },
      false,
    );
    expect(e.status).toBe(400);
    expect(e.body).toEqual({ code: '23514', message: 'violates check', details: 'Failing row', hint: null });
  });

  test('returns 500 without internals for anything else, and logs it with its stack', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    try {
      const e = fromDatabaseError(new Error('socket closed at /home/x'), true);
      expect(e.status).toBe(500);
      expect(e.body).toEqual({
        code: 'PGRST000',
        message: 'Internal server error',
        details: null,
        hint: null,
      });
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('\n')).toMatch(/Error: socket closed at \/home\/x\n\s+at /);
  });
});

describe('logError', () => {
  test('logs a database error as SQLSTATE and message only, never the parameters the driver attached', () => {
    const lines: string[] = [];
    const error = Object.assign(new Error('column "x" does not exist'), {
      code: '42703',
      query: 'select crypt($1)',
      params: ['Hunter2-password'],
      detail: 'Hunter2-password',
    });
    logError('sign-in', error, (line) => lines.push(line));
    expect(lines).toEqual(['embedded API: sign-in: database error 42703: column "x" does not exist']);
  });
});

describe('isDatabaseUnavailable', () => {
  const system = (code: string) =>
    Object.assign(new Error(`write ${code}`), { code, errno: -32, syscall: 'write' });
  test('a broken pipe to the database is "unavailable" (503), not a SQLSTATE (EPIPE has five capitals too)', () => {
    expect(isDatabaseUnavailable(system('EPIPE'))).toBe(true);
    expect(fromDatabaseError(system('EPIPE'), false).status).toBe(503);
    expect(isDatabaseUnavailable(system('ECONNRESET'))).toBe(true);
  });
  test('database errors keep their SQLSTATE: a shutdown is unavailable, a refusal is not', () => {
    expect(isDatabaseUnavailable({ code: '57P01', message: 'terminating connection' })).toBe(true);
    expect(isDatabaseUnavailable({ code: 'PT409', message: 'full', detail: 'lecture:waitlist_full' })).toBe(
      false,
    );
    expect(
      fromDatabaseError({ code: 'PT409', message: 'full', detail: 'lecture:waitlist_full' }, false).status,
    ).toBe(409);
  });
});
