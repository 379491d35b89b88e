/**
 * The browser's lecture constants are the ones the migrated database enforces. Read from the live catalogue
 * (constraint definitions and function bodies as they are after every migration), never from migration text, so a
 * later migration that changes a rule is what the test sees.
 */
import { expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { CODE_ALPHABET, REGISTRATION_STATUSES } from '../../src/lib/lectures/model.ts';
import { LECTURE_CHILD_AGES, KINDS } from '../../src/lib/schemas/lecture.ts';
import { describeEachDatabase } from './harness.ts';

/** The definition of a named constraint of an `app` table, as PostgreSQL prints it. */
async function constraint(db: Db, table: string, name: string): Promise<string> {
  const { rows } = await db.query<{ def: string }>(
    `select pg_get_constraintdef(c.oid) as def from pg_constraint c
     where c.conrelid = $1::regclass and c.conname = $2`,
    [`app.${table}`, name],
  );
  expect(rows, `${table}.${name} exists`).toHaveLength(1);
  return rows[0]!.def;
}

/** The quoted values of an `x in (…)` / `x = any (array[…])` check, in their order. */
const quoted = (def: string) => [...def.matchAll(/'([^']+)'/g)].map((m) => m[1]);

describeEachDatabase('lecture constants in the live catalogue', (ctx) => {
  test('kinds, age groups and registration statuses are exactly the values the check constraints accept', async () => {
    expect(quoted(await constraint(ctx.db, 'lecture_events', 'lecture_events_kind_check'))).toEqual([
      ...KINDS,
    ]);
    expect(
      quoted(await constraint(ctx.db, 'lecture_registrations', 'lecture_registrations_child_age_band_check')),
    ).toEqual([...LECTURE_CHILD_AGES]);
    expect(
      quoted(await constraint(ctx.db, 'lecture_registrations', 'lecture_registrations_status_check')),
    ).toEqual([...REGISTRATION_STATUSES]);
  });

  test('sign_up_for_lecture refuses exactly the age groups outside the ones the table accepts', async () => {
    // The function checks the age group itself (to refuse with its own code) before the table's check: the list
    // in its body, as the live function has it after every migration, is the same list.
    const { rows } = await ctx.db.query<{ src: string }>(
      `select p.prosrc as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'app_private' and p.proname = 'sign_up_for_lecture'`,
    );
    expect(rows).toHaveLength(1);
    const list = rows[0]!.src.match(/p_child_age_band not in \(([^)]*)\)/);
    expect(list, 'sign_up_for_lecture checks p_child_age_band with a list').not.toBeNull();
    expect(quoted(list![1]!)).toEqual([...LECTURE_CHILD_AGES]);
  });

  test('confirmation codes: the format check and the drawing function use the browser alphabet', async () => {
    const format = await constraint(ctx.db, 'lecture_registrations', 'lecture_registrations_code_format');
    expect(format).toContain(`[${CODE_ALPHABET}]{6}`);
    const { rows } = await ctx.db.query<{ src: string }>(
      `select p.prosrc as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'app_private' and p.proname = 'random_lecture_code'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.src).toContain(`'${CODE_ALPHABET}'`);
    // The modulus in the body is the alphabet's length: every character can be drawn, none twice as often.
    expect(rows[0]!.src).toContain(`% ${CODE_ALPHABET.length} + 1`);
  });
});
