/**
 * `npm run import:facilities -- <list> --apply --database <db>`: the applied records go into app.facilities as
 * well as into the YAML files, and only the fields the list changes replace a provider's newer edits.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { importFacilities } from '../../scripts/import-facilities.ts';
import { loadFacilities } from '../../src/lib/facilities/load.ts';
import { syncFacilityRecords } from '../../supabase/embedded/db/migrate.ts';
import { createStaff, createUser, rowsAs } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

describeEachDatabase('import into the database', (ctx) => {
  test('--apply with a database writes the files and the same records into app.facilities', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-import-db-'));
    const out = path.join(dir, 'facilities');
    mkdirSync(out);
    copyFileSync('tests/fixtures/import/title-rows.xlsx', path.join(dir, 'title-rows.xlsx'));
    const lines: string[] = [];
    const result = await importFacilities(
      path.join(dir, 'title-rows.xlsx'),
      { out, apply: true, partial: false, removeMissing: false, allowOutside: false, lang: 'zh', db: ctx.db },
      (l) => lines.push(l),
    );
    expect(result.exitCode).toBe(0);
    expect(result.database).toMatchObject({ inserted: 3, updated: 0, refused: [] });
    expect(lines).toContain('数据库：新增 3，更新 0，无变化 0。');
    const files = loadFacilities(out);
    expect(files.map((f) => f.id)).toEqual(['chiyang-1', 'qiupu-1', 'tangxi-1']);
    const { rows } = await ctx.db.query<{ c: { id: string }[] }>('select public.facility_catalogue() as c');
    for (const f of files)
      expect(rows[0]!.c.find((x) => x.id === f.id)).toEqual(JSON.parse(JSON.stringify(f)));
    const history = await ctx.db.query(
      `select 1 from app.facility_history where facility_id = 'chiyang-1' and via = 'import' and field = 'created'`,
    );
    expect(history.rows.length).toBe(1);
  });

  test("an import replaces the fields the list changes and keeps a provider's newer vacancies", async () => {
    const [base] = loadFacilities('src/districts/guichi/facilities').filter(
      (f) => f.id === 'demo-chiyang-dawn',
    );
    expect(base).toBeDefined();
    const admin = await createStaff(ctx.db, 'iadmin', 'admin');
    const p = await createUser(ctx.db, 'iprovider');
    await rowsAs(
      ctx.db,
      admin.actor,
      `select public.upsert_provider($1, 'P', null, array['demo-chiyang-dawn'])`,
      [p.email],
    );
    await rowsAs(
      ctx.db,
      p.actor,
      `select public.update_vacancies('demo-chiyang-dawn', '{"m24_36": 2}'::jsonb)`,
    );
    const read = async () =>
      (
        await ctx.db.query<{ c: number; h: string }>(
          `select vacancy_count as c, hours as h from app.facilities where id = 'demo-chiyang-dawn'`,
        )
      ).rows[0];
    await syncFacilityRecords(
      ctx.db,
      [{ record: { ...base, hours: '周一至周六' }, file_time: '-infinity', force: ['hours'] }],
      'import',
    );
    expect(await read()).toEqual({ c: 2, h: '周一至周六' });
    await syncFacilityRecords(
      ctx.db,
      [{ record: base, file_time: '-infinity', force: ['vacancies'] }],
      'import',
    );
    expect((await read())!.c).toBe(base!.vacancies!.count);
  });
});
