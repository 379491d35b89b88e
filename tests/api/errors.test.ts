import { describe, expect, test } from 'vitest';
import { fromDatabaseError, statusForSqlState } from '../../supabase/embedded/api/errors.ts';

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
  ])('maps %s (authenticated %s) to %i as PostgREST does', (code, authed, status) => {
    expect(statusForSqlState(code, authed)).toBe(status);
  });
});

describe('fromDatabaseError', () => {
  test('returns a PostgREST body from a database error', () => {
    const e = fromDatabaseError({ code: '23514', message: 'violates check', detail: 'Failing row', hint: '' }, false);
    expect(e.status).toBe(400);
    expect(e.body).toEqual({ code: '23514', message: 'violates check', details: 'Failing row', hint: null });
  });

  test('returns 500 without internals for anything else', () => {
    const e = fromDatabaseError(new Error('socket closed at /home/x'), true);
    expect(e.status).toBe(500);
    expect(e.body.message).not.toContain('/home');
  });
});
