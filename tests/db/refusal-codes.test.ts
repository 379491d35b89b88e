/**
 * The error contract, read from the LIVE catalogue after migrating: every `raise exception` in a function of public
 * or app_private raises a custom SQLSTATE PTnnn (so PostgREST and the embedded API answer HTTP nnn) with a machine
 * code in `detail`, and every such code has zh-CN and en text in src/lib/refusals/. A refusal returned instead of
 * raised (`app_private.refusal(status, code, message)`, which sets response.status) must have text too.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { REFUSAL_TABLES, type RefusalTable } from '../../src/lib/refusals/index.ts';
import { describeEachDatabase } from './harness.ts';

/** Statements from `start` to the first `;` outside a quoted literal or dollar-quoted string. */
function statementsFrom(src: string, start: RegExp): string[] {
  const found: string[] = [];
  const re = new RegExp(start.source, 'gi');
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let i = m.index;
    let quoted = false;
    while (i < src.length) {
      const c = src[i]!;
      if (c === "'") quoted = !quoted;
      else if (c === ';' && !quoted) break;
      i++;
    }
    found.push(src.slice(m.index, i));
  }
  return found;
}

/** The literals of a SQL fragment ('' inside a literal is a quote). */
function literals(sql: string): string[] {
  return [...sql.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
}

/**
 * A machine code: snake_case with its feature first — `lecture:not_found`, `staff:last_admin` (lectures, staff,
 * limits) or `survey_too_fast` (the survey's, named before the contract settled on the colon).
 */
const MACHINE_CODE = /^([a-z][a-z0-9_]*:[a-z][a-z0-9_]*|survey_[a-z0-9_]+)$/;
const known = new Set(Object.values(REFUSAL_TABLES).flatMap((t) => Object.keys(t)));
const hasText = (code: string) =>
  (Object.values(REFUSAL_TABLES) as RefusalTable[]).some((t) => t[code]?.['zh-CN'] && t[code]?.en);

describeEachDatabase('refusal codes', (ctx) => {
  async function functions() {
    const { rows } = await ctx.db.query<{ name: string; src: string }>(
      `select n.nspname || '.' || p.proname as name, p.prosrc as src
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'app_private') order by 1`,
    );
    return rows;
  }

  test('every raise exception has errcode PTnnn and a machine code in detail, with zh-CN and en text', async () => {
    const problems: string[] = [];
    const codes = new Set<string>();
    let raises = 0;
    for (const fn of await functions()) {
      for (const stmt of statementsFrom(fn.src, /raise\s+exception\b/)) {
        raises++;
        const one = stmt.replace(/\s+/g, ' ');
        // XX000 (internal_error) marks a broken invariant — a bug to fix, which no request can cause: not a refusal.
        if (/using errcode = 'XX000'$/.test(one)) continue;
        const status = /errcode = 'PT([0-9]{3})'/.exec(one);
        if (!status) problems.push(`${fn.name}: no PTnnn errcode: ${one}`);
        else if (Number(status[1]) >= 500) problems.push(`${fn.name}: a refusal must not be 5xx: ${one}`);
        const detail = /detail = (.*?)(?:, hint = |$)/.exec(one);
        const found = detail ? literals(detail[1]!).filter((l) => MACHINE_CODE.test(l)) : [];
        if (found.length === 0) problems.push(`${fn.name}: no machine code in detail: ${one}`);
        for (const code of found) {
          codes.add(code);
          if (!hasText(code))
            problems.push(`${fn.name}: ${code} has no zh-CN and en text in src/lib/refusals/`);
        }
      }
      for (const stmt of statementsFrom(fn.src, /app_private\.refusal\(/)) {
        raises++;
        const found = literals(stmt).filter((l) => MACHINE_CODE.test(l));
        if (found.length === 0) problems.push(`${fn.name}: a returned refusal without a code: ${stmt}`);
        for (const code of found) {
          codes.add(code);
          if (!hasText(code))
            problems.push(`${fn.name}: ${code} has no zh-CN and en text in src/lib/refusals/`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The scan really saw the functions (a broken parser would find nothing and pass): every raise of the migration
    // that converted them is live, as a raise or as a returned refusal.
    const converted = readFileSync('supabase/migrations/20261206001100_refusal_codes.sql', 'utf8');
    expect(raises).toBeGreaterThanOrEqual(converted.match(/raise exception/g)!.length);
    for (const code of ['lecture:not_found', 'lecture:no_event', 'staff:role_required', 'staff:last_admin'])
      expect(codes, code).toContain(code);
    // And the converse: no text for a code no live function raises (a refusal renamed or removed leaves none behind).
    expect([...known].filter((code) => !codes.has(code)).sort()).toEqual([]);
  });

  test('the scanner itself: a raise without PTnnn or without a code is caught', () => {
    const src = `begin
      raise exception 'a; b' using errcode = 'P0002', detail = 'lecture:no_event';
      raise exception 'x' using errcode = 'PT404';
      raise exception '%', v using errcode = 'PT400', detail = case when x then 'lecture:bad_title' else 'lecture:invalid' end;
    end`;
    const stmts = statementsFrom(src, /raise\s+exception\b/);
    expect(stmts).toHaveLength(3);
    expect(stmts[0]).toContain("detail = 'lecture:no_event'");
    expect(/errcode = 'PT([0-9]{3})'/.test(stmts[0]!)).toBe(false);
    expect(/detail = /.test(stmts[1]!)).toBe(false);
    const third = /detail = (.*?)(?:, hint = |$)/.exec(stmts[2]!.replace(/\s+/g, ' '))![1]!;
    expect(literals(third).filter((l) => MACHINE_CODE.test(l))).toEqual([
      'lecture:bad_title',
      'lecture:invalid',
    ]);
    expect(known.has('lecture:bad_title')).toBe(true);
  });
});
