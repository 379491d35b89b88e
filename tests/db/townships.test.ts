/**
 * Townships are data (app.townships, 20261206006001_townships_table.sql): the migration keeps every answer stored
 * while they were an enum, the migration runner writes the selected district's list, and a township the
 * configuration drops keeps its answers but takes no new ones.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { prepareDatabase } from '../../supabase/embedded/db/migrate.ts';
import { DISTRICTS } from '../../src/districts/index.ts';
import { surveyFixture } from '../fixtures/survey.ts';
import { anon, asRole, createStaff, rowsAs } from './act-as.ts';
import { describeEachDatabase, openEmpty } from './harness.ts';

const GUICHI = DISTRICTS.guichi.townships;
let address = 0;

/** One online answer from `township`, as a family's page sends it (a start token signed a minute ago). */
async function submit(db: Db, i: number, township: string) {
  const { rows } = await db.query<{ t: string }>(
    `select app_private.sign_survey_start(now() - interval '1 minute') as t`,
  );
  return asRole(
    db,
    { ...anon, headers: { 'x-forwarded-for': `198.51.100.${++address}` } },
    'select public.submit_survey($1::jsonb)',
    [JSON.stringify({ ...surveyFixture(i, randomUUID()), township, start_token: rows[0]!.t })],
  );
}

const sync = (db: Db, list: { code: string; name: string; name_en: string; type: string }[]) =>
  db.transaction(async (tx) => {
    await tx.exec('set local role tuoyu_owner');
    return (
      await tx.query<{ n: number }>('select app_private.sync_townships($1::jsonb) as n', [
        JSON.stringify(list),
      ])
    ).rows[0]!.n;
  });

describeEachDatabase('townships', (ctx) => {
  test('the runner wrote the selected district (Guichi): 20 active townships, names and kinds, in order', async () => {
    const { rows } = await ctx.db.query(
      'select code, name, name_en, kind from app.townships where active order by sort_order',
    );
    expect(rows).toEqual(
      GUICHI.map((t) => ({ code: t.code, name: t.name, name_en: t.name_en, kind: t.type })),
    );
  });

  test('an upgrade from the enum keeps every stored answer and distribution point with its township', async () => {
    const { db } = await openEmpty(ctx.kind);
    try {
      await prepareDatabase(db, { until: '20261206006001' });
      const stored = [GUICHI[0]!.code, GUICHI[19]!.code, GUICHI[19]!.code];
      for (const [i, code] of stored.entries()) expect((await submit(db, i, code)).ok).toBe(true);
      await db.query(
        `insert into app.survey_distribution_points (code, name, township, distributed_on) values ('p-old', '旧发放点', $1, '2026-06-01')`,
        [GUICHI[4]!.code],
      );
      await prepareDatabase(db);
      const answers = await db.query<{ township: string }>(
        'select township from app.survey_responses order by township',
      );
      expect(answers.rows.map((r) => r.township)).toEqual([...stored].sort());
      const point = await db.query<{ township: string }>(
        `select township from app.survey_distribution_points`,
      );
      expect(point.rows).toEqual([{ township: GUICHI[4]!.code }]);
      const type = await db.query(`select 1 from pg_type where typname = 'survey_township'`);
      expect(type.rows).toEqual([]);
      expect((await submit(db, 3, GUICHI[7]!.code)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });

  test('a dropped township keeps its answers but takes no new answer or distribution point; an unused one goes', async () => {
    const kept = GUICHI[1]!.code; // answered below, then dropped
    const unused = GUICHI[2]!.code; // never answered, then dropped
    expect((await submit(ctx.db, 0, kept)).ok).toBe(true);
    // Facilities reference townships too (every one has a demo facility): make `unused` unreferenced.
    await ctx.db.query('delete from app.facilities where township = $1', [unused]);
    const list = GUICHI.filter((t) => t.code !== kept && t.code !== unused).map(
      ({ code, name, name_en, type }) => ({
        code,
        name,
        name_en,
        type,
      }),
    );
    const added = { code: '341702500', name: '新设街道', name_en: 'Xinshe Subdistrict', type: '街道' };
    expect(await sync(ctx.db, [...list, added])).toBe(19);

    const rows = await ctx.db.query<{ code: string; active: boolean }>(
      'select code, active from app.townships where code = any ($1) order by code',
      [[kept, unused, added.code]],
    );
    expect(rows.rows).toEqual([
      { code: kept, active: false },
      { code: added.code, active: true },
    ]);
    const refused = await submit(ctx.db, 1, kept);
    expect(refused).toMatchObject({ ok: false, code: 'PT400' });
    expect((await submit(ctx.db, 2, added.code)).ok).toBe(true);
    const stored = await ctx.db.query('select 1 from app.survey_responses where township = $1', [kept]);
    expect(stored.rows.length).toBeGreaterThan(0);

    const outreach = await createStaff(ctx.db, 'towns', 'outreach');
    const point = await asRole(
      ctx.db,
      outreach.actor,
      `select public.create_distribution_point('p-kept', '点', $1, '2026-12-01')`,
      [kept],
    );
    expect(point).toMatchObject({ ok: false, code: 'PT400' });
    await rowsAs(
      ctx.db,
      outreach.actor,
      `select public.create_distribution_point('p-new', '点', $1, '2026-12-01')`,
      [added.code],
    );
  });

  test('sync refuses anything but a non-empty list', async () => {
    await expect(sync(ctx.db, [])).rejects.toMatchObject({ code: 'PT400', detail: 'district:bad_townships' });
  });
});
