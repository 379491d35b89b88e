import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { clientAddress, headersForSql, parseJson } from '../../supabase/embedded/api/http.ts';

const req = (remote: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress: remote }, headers }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  test('returns the socket peer and ignores X-Forwarded-For by default', () => {
    expect(clientAddress(req('::ffff:192.0.2.1', { 'x-forwarded-for': '203.0.113.5' }), false)).toBe(
      '192.0.2.1',
    );
  });

  test('behind a trusted proxy, returns the last (proxy-appended) X-Forwarded-For entry', () => {
    expect(clientAddress(req('127.0.0.1', { 'x-forwarded-for': '10.0.0.1, 203.0.113.5' }), true)).toBe(
      '203.0.113.5',
    );
    expect(clientAddress(req('127.0.0.1', { 'x-forwarded-for': 'not-an-ip' }), true)).toBe('127.0.0.1');
  });
});

describe('headersForSql', () => {
  test('drops credentials and sets x-forwarded-for to the address given', () => {
    const h = headersForSql(
      req('127.0.0.1', {
        authorization: 'Bearer x',
        apikey: 'k',
        cookie: 'c',
        'x-forwarded-for': 'spoofed',
        prefer: 'return=minimal',
      }),
      '192.0.2.9',
    );
    expect(h).toEqual({ prefer: 'return=minimal', 'x-forwarded-for': '192.0.2.9' });
  });
});

describe('parseJson', () => {
  test('returns undefined for an empty body and throws on malformed JSON', () => {
    expect(parseJson(Buffer.from('  '))).toBeUndefined();
    expect(() => parseJson(Buffer.from('{"a":'))).toThrow();
  });
});
