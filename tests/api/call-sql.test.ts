import { describe, expect, test } from 'vitest';
import { callSql, chooseOverload } from '../../supabase/embedded/api/call-sql.ts';
import type { FunctionInfo } from '../../supabase/embedded/api/catalogue.ts';

const fn = (over: Partial<FunctionInfo>): FunctionInfo => ({
  schema: 'public',
  name: 'f',
  args: [],
  readOnly: false,
  returnsSet: false,
  returnsRow: false,
  returnsVoid: false,
  ...over,
});

describe('callSql', () => {
  test('passes named arguments through json_to_record with their types', () => {
    const f = fn({
      args: [
        { name: 'p_n', type: 'integer', required: true },
        { name: 'p_note', type: 'text', required: false },
      ],
    });
    expect(callSql(f, ['p_n'])).toBe(
      `select pg_catalog.to_json("public"."f"("p_n" := _a."p_n"))::text as body from pg_catalog.json_to_record($1::pg_catalog.json) as _a("p_n" integer)`,
    );
  });

  test('aggregates sets and rows into JSON', () => {
    expect(callSql(fn({ returnsSet: true, returnsRow: true }), [])).toContain(
      `coalesce(pg_catalog.json_agg(_r), '[]')::text as body from (select * from "public"."f"()) as _r`,
    );
    expect(callSql(fn({ returnsSet: true }), [])).toContain(`json_agg(_r.v)`);
    expect(callSql(fn({ returnsVoid: true }), [])).toContain(`null::text as body`);
  });

  test('quotes identifiers', () => {
    expect(callSql(fn({ name: 'we"ird' }), [])).toContain(`"public"."we""ird"()`);
  });
});

describe('chooseOverload', () => {
  const a = fn({ args: [{ name: 'x', type: 'integer', required: true }] });
  const b = fn({
    args: [
      { name: 'x', type: 'integer', required: true },
      { name: 'y', type: 'text', required: false },
    ],
  });
  test('returns the overload whose parameters fit the given names', () => {
    expect(chooseOverload([a], ['x'])).toBe(a);
    expect(chooseOverload([a, b], ['x', 'y'])).toBe(b);
    expect(chooseOverload([a, b], ['x'])).toBe(a);
  });
  test('returns none for a missing required or an unknown argument', () => {
    expect(chooseOverload([a], [])).toBe('none');
    expect(chooseOverload([a], ['x', 'z'])).toBe('none');
  });
});
