/**
 * Facilities as data (issue 17): the SQL rules mirror the zod schema (the same records to both), the files come in
 * without overwriting newer edits, and the provider role: own facilities only, vacancies and hours live at once,
 * fees/phone/prepayment through the review queue, regulated fields for staff only, every change in the history.
 */
import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { FacilitySchema } from '../../src/lib/schemas/facility.ts';
import { loadFacilities } from '../../src/lib/facilities/load.ts';
import { seedFacilities } from '../../supabase/embedded/db/migrate.ts';
import { addProvider, disableStaff, generatePassword } from '../../scripts/lib/staff-accounts.ts';
import { CASES, DEMO, REAL } from '../fixtures/facility-records.ts';
import { anon, asRole, createStaff, createUser, rowsAs, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

const ROLLBACK = new Error('rollback');

describeEachDatabase('facilities', (ctx) => {
  /** What SQL makes of a record: the stored record, or the refusal. Always undone. */
  async function sqlAccepts(
    record: unknown,
  ): Promise<{ ok: true; json: unknown } | { ok: false; error: string }> {
    let out: { ok: true; json: unknown } | { ok: false; error: string } = { ok: false, error: '' };
    try {
      await ctx.db.transaction(async (tx) => {
        await tx.query('select app_private.facility_write(app_private.facility_from_json($1::jsonb))', [
          JSON.stringify(record),
        ]);
        const { rows } = await tx.query<{ j: unknown }>(
          `select app_private.facility_json(f) as j from app.facilities f where f.id = $1::jsonb ->> 'id'`,
          [JSON.stringify(record)],
        );
        out = { ok: true, json: rows[0]!.j };
        throw ROLLBACK;
      });
    } catch (e) {
      if (e !== ROLLBACK) out = { ok: false, error: (e as Error).message };
    }
    return out;
  }

  describe('zod and SQL accept the same records', () => {
    for (const [label, record, valid] of CASES) {
      test(`${label}: ${valid ? 'accepted' : 'refused'} by both`, async () => {
        const zod = FacilitySchema.safeParse(record);
        expect(zod.success, JSON.stringify(zod.error?.issues)).toBe(valid);
        const sql = await sqlAccepts(record);
        expect(sql.ok, 'error' in sql ? sql.error : '').toBe(valid);
        // What SQL stores reads back as exactly what zod makes of the record.
        if (zod.success && sql.ok) expect(sql.json).toEqual(zod.data);
      });
    }
  });

  test('the seeded catalogue is the facility files, record for record', async () => {
    const files = loadFacilities();
    expect(files.length).toBeGreaterThan(10);
    const { rows } = await ctx.db.query<{ c: unknown[] }>('select public.facility_catalogue() as c');
    expect(rows[0]!.c).toEqual(files.map((f) => JSON.parse(JSON.stringify(f))));
  });

  test('facility_vacancies(): today in Beijing, the setting, [count, as_of] per facility', async () => {
    const { rows } = await ctx.db.query<{
      v: { today: string; stale_after_days: number; v: Record<string, unknown> };
    }>('select public.facility_vacancies() as v');
    const v = rows[0]!.v;
    const beijing = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(v.today).toBe(beijing);
    expect(v.stale_after_days).toBe(14);
    const withVacancies = loadFacilities().filter((f) => f.vacancies);
    expect(Object.keys(v.v).sort()).toEqual(withVacancies.map((f) => f.id).sort());
    for (const f of withVacancies) expect(v.v[f.id]).toEqual([f.vacancies!.count, f.vacancies!.as_of]);
  });

  describe('providers', () => {
    let admin: User;
    let outreach: User;
    let provider: User;
    let other: User;
    const [mine, theirs] = ['parity-real', 'parity-demo'];
    beforeAll(async () => {
      await ctx.db.query(`select app_private.sync_facilities($1::jsonb, 'import')`, [
        JSON.stringify([{ record: REAL }, { record: DEMO }]),
      ]);
      admin = await createStaff(ctx.db, 'fadmin', 'admin');
      outreach = await createStaff(ctx.db, 'foutreach', 'outreach');
      provider = await createUser(ctx.db, 'provider');
      other = await createUser(ctx.db, 'other');
      await rowsAs(
        ctx.db,
        admin.actor,
        `select public.upsert_provider($1, '测试园 王老师', '13900000001', $2)`,
        [provider.email, [mine]],
      );
      await rowsAs(ctx.db, admin.actor, `select public.upsert_provider($1, '示例点', null, $2)`, [
        other.email,
        [theirs],
      ]);
    });

    test('whoami says provider; my_facilities lists only its own', async () => {
      const [me] = await rowsAs<{ w: { role: string; facilities: number } }>(
        ctx.db,
        provider.actor,
        'select public.whoami() as w',
      );
      expect(me!.w).toMatchObject({ role: 'provider', facilities: 1 });
      const [mf] = await rowsAs<{ m: { id: string }[] }>(
        ctx.db,
        provider.actor,
        'select public.my_facilities() as m',
      );
      expect(mf!.m.map((f) => f.id)).toEqual([mine]);
    });

    test('vacancies by age band go live at once, dated today, with history and audit', async () => {
      const [r] = await rowsAs<{ f: { vacancies: unknown } }>(
        ctx.db,
        provider.actor,
        `select public.update_vacancies($1, '{"m12_24": 1, "m24_36": 6}'::jsonb) as f`,
        [mine],
      );
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      expect(r!.f.vacancies).toEqual({ count: 7, as_of: today, by_age: { m12_24: 1, m24_36: 6 } });
      const live = await rowsAs<{ v: { v: Record<string, unknown> } }>(
        ctx.db,
        anon,
        'select public.facility_vacancies() as v',
      );
      expect(live[0]!.v.v[mine]).toEqual([7, today]);
      const history = await ctx.db.query<{
        field: string;
        old_value: unknown;
        new_value: unknown;
        via: string;
        actor: string;
      }>(
        `select field, old_value, new_value, via, actor::text from app.facility_history where facility_id = $1 and via = 'provider' order by id`,
        [mine],
      );
      expect(history.rows).toContainEqual({
        field: 'vacancy_count',
        old_value: 5,
        new_value: 7,
        via: 'provider',
        actor: provider.id,
      });
      const audit = await ctx.db.query(
        `select 1 from app.audit_log where action = 'facility.vacancies' and target_id = $1 and actor = $2`,
        [mine, provider.id],
      );
      expect(audit.rows.length).toBe(1);
    });

    test('more free places than places is refused', async () => {
      const got = await asRole(
        ctx.db,
        provider.actor,
        `select public.update_vacancies($1, '{"m24_36": 61}'::jsonb)`,
        [mine],
        {
          rollback: true,
        },
      );
      expect(got).toMatchObject({ ok: false, code: 'PT400' });
    });

    test('a provider cannot touch another facility, nor a regulated field', async () => {
      for (const sql of [
        `select public.update_vacancies($1, '{"m24_36": 1}'::jsonb)`,
        `select public.update_facility_hours($1, '全天')`,
        `select public.set_facility_closure($1, '2026-12-01', null, '维修')`,
        `select public.propose_facility_change($1, 'fees', '{"hourly": 20}'::jsonb, null)`,
      ]) {
        const got = await asRole(ctx.db, provider.actor, sql, [theirs], { rollback: true });
        expect(got, sql).toEqual({
          ok: false,
          code: 'PT403',
          message: 'this account does not keep this facility',
        });
      }
      for (const field of [
        'filing_number',
        'inspection',
        'inclusive',
        'location',
        'demonstration',
        'places',
      ]) {
        const got = await asRole(
          ctx.db,
          provider.actor,
          `select public.propose_facility_change($1, $2, '"x"'::jsonb, null)`,
          [mine, field],
          {
            rollback: true,
          },
        );
        expect(got, field).toMatchObject({ ok: false, code: 'PT403' });
      }
      const staffOnly = await asRole(
        ctx.db,
        provider.actor,
        `select public.staff_update_facility($1, '{"inclusive": false}', 'x')`,
        [mine],
        {
          rollback: true,
        },
      );
      expect(staffOnly).toEqual({ ok: false, code: 'PT403', message: 'outreach role required' });
      const [f] = await ctx.db
        .query<{ inclusive: boolean }>('select inclusive from app.facilities where id = $1', [mine])
        .then((r) => r.rows);
      expect(f!.inclusive).toBe(true);
    });

    test('a fee change waits for review: the catalogue keeps the old fee until an outreach worker approves', async () => {
      const fee = async () =>
        (
          await ctx.db.query<{ f: unknown }>(
            `select app_private.facility_json(f) -> 'fees' as f from app.facilities f where id = $1`,
            [mine],
          )
        ).rows[0]!.f;
      const [p] = await rowsAs<{ p: { id: number; status: string } }>(
        ctx.db,
        provider.actor,
        `select public.propose_facility_change($1, 'fees', '{"full_day": 1900, "half_day": 1100}'::jsonb, '物价上涨') as p`,
        [mine],
      );
      expect(p!.p.status).toBe('pending');
      expect(await fee()).toEqual({ full_day: 1800, half_day: 1100 });
      const [q] = await rowsAs<{ q: { id: number; current: unknown; value: unknown }[] }>(
        ctx.db,
        outreach.actor,
        'select public.facility_review_queue() as q',
      );
      expect(q!.q).toContainEqual(
        expect.objectContaining({
          id: p!.p.id,
          current: { full_day: 1800, half_day: 1100 },
          value: { full_day: 1900, half_day: 1100 },
        }),
      );
      // A rejection needs a reason; an approval applies the value.
      expect(
        await asRole(ctx.db, outreach.actor, 'select public.review_facility_change($1, false, null)', [
          p!.p.id,
        ]),
      ).toMatchObject({
        ok: false,
        code: 'PT400',
      });
      await rowsAs(ctx.db, outreach.actor, `select public.review_facility_change($1, true, '已电话核实')`, [
        p!.p.id,
      ]);
      expect(await fee()).toEqual({ full_day: 1900, half_day: 1100 });
      expect(
        await asRole(ctx.db, outreach.actor, `select public.review_facility_change($1, true, 'x')`, [
          p!.p.id,
        ]),
      ).toMatchObject({
        ok: false,
        code: 'PT409',
      });
      const h = await ctx.db.query<{ via: string; reason: string; actor: string }>(
        `select via, reason, actor::text from app.facility_history where facility_id = $1 and field = 'fees' order by id desc limit 1`,
        [mine],
      );
      expect(h.rows[0]).toEqual({ via: 'review', reason: '已电话核实', actor: outreach.id });
    });

    test('a proposal that breaks a rule is refused at once (a fee for a care form not offered; a phone on a demo record)', async () => {
      expect(
        await asRole(
          ctx.db,
          provider.actor,
          `select public.propose_facility_change($1, 'fees', '{"hourly": 20}'::jsonb, null)`,
          [mine],
          {
            rollback: true,
          },
        ),
      ).toMatchObject({ ok: false, code: 'PT400' });
      expect(
        await asRole(
          ctx.db,
          other.actor,
          `select public.propose_facility_change($1, 'phone', '"13800000000"'::jsonb, null)`,
          [theirs],
          {
            rollback: true,
          },
        ),
      ).toMatchObject({ ok: false, code: 'PT400' });
    });

    test('staff change regulated fields with a reason; the schema rules still apply', async () => {
      await rowsAs(
        ctx.db,
        outreach.actor,
        `select public.staff_update_facility($1, '{"inspection": {"date": "2026-11-20", "result": "rectify"}}', '11 月抽查')`,
        [mine],
      );
      const [f] = (
        await ctx.db.query<{ r: string }>('select inspection_result as r from app.facilities where id = $1', [
          mine,
        ])
      ).rows;
      expect(f!.r).toBe('rectify');
      expect(
        await asRole(
          ctx.db,
          outreach.actor,
          `select public.staff_update_facility($1, '{"places": 2}', '核减')`,
          [mine],
          { rollback: true },
        ),
      ).toMatchObject({
        ok: false,
        code: 'PT400',
      });
      expect(
        await asRole(
          ctx.db,
          outreach.actor,
          `select public.staff_update_facility($1, '{"places": 80}', '')`,
          [mine],
          { rollback: true },
        ),
      ).toMatchObject({
        ok: false,
        code: 'PT400',
      });
    });

    test('stale_facilities: missing or older than 14 days, with the reminder and whom to call', async () => {
      await ctx.db.query(`update app.facilities set vacancy_as_of = current_date - 20 where id = $1`, [
        theirs,
      ]);
      const [s] = await rowsAs<{
        s: { id: string; age_days: number; reminder: string; providers: { name: string }[] }[];
      }>(ctx.db, outreach.actor, 'select public.stale_facilities() as s');
      const row = s!.s.find((x) => x.id === theirs)!;
      expect(row.age_days).toBeGreaterThanOrEqual(20);
      expect(row.reminder).toContain('示例·测试托育园');
      expect(row.providers.map((p) => p.name)).toEqual(['示例点']);
      expect(s!.s.find((x) => x.id === mine)).toBeUndefined();
      const notStaff = await asRole(ctx.db, provider.actor, 'select public.stale_facilities()');
      expect(notStaff).toEqual({ ok: false, code: 'PT403', message: 'outreach role required' });
    });

    test('a deactivated provider can change nothing', async () => {
      await rowsAs(ctx.db, admin.actor, `select public.upsert_provider($1, '示例点', null, $2, false)`, [
        other.email,
        [theirs],
      ]);
      const got = await asRole(
        ctx.db,
        other.actor,
        `select public.update_facility_hours($1, '全天')`,
        [theirs],
        { rollback: true },
      );
      expect(got).toMatchObject({ ok: false, code: 'PT403' });
      await rowsAs(ctx.db, admin.actor, `select public.upsert_provider($1, '示例点', null, $2, true)`, [
        other.email,
        [theirs],
      ]);
    });
  });

  test('npm run staff -- add-provider: an account with a one-time password, bound to its facilities; disable ends it', async () => {
    const password = generatePassword();
    const email = `cli-provider-${Date.now()}@example.test`;
    const { created, userId } = await addProvider(ctx.db, {
      email,
      password,
      facilities: ['demo-chiyang-sprout'],
      phone: '13900000009',
    });
    expect(created).toBe(true);
    const { rows } = await ctx.db.query<{ ok: boolean }>(
      'select encrypted_password = extensions.crypt($2, encrypted_password) as ok from auth.users where id = $1',
      [userId, password],
    );
    expect(rows[0]!.ok).toBe(true);
    const actor = { role: 'authenticated' as const, sub: userId, email };
    const [mine] = await rowsAs<{ m: { id: string }[] }>(ctx.db, actor, 'select public.my_facilities() as m');
    expect(mine!.m.map((f) => f.id)).toEqual(['demo-chiyang-sprout']);
    await expect(addProvider(ctx.db, { email, password, facilities: ['no-such-facility'] })).rejects.toThrow(
      'No facility',
    );
    await disableStaff(ctx.db, email);
    const [after] = await rowsAs<{ m: unknown[] }>(ctx.db, actor, 'select public.my_facilities() as m');
    expect(after!.m).toEqual([]);
  });

  test('the seed inserts new files, updates changed ones and keeps a provider edit newer than the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoyu-seed-'));
    const record = {
      ...DEMO,
      id: 'seed-demo',
      name: '示例·种子托育点',
      vacancies: { count: 3, as_of: '2026-11-01' },
      hours: '全天',
    };
    const file = join(dir, 'seed-demo.yaml');
    const write = (r: unknown, at: Date) => {
      writeFileSync(file, stringify(r));
      utimesSync(file, at, at);
    };
    write(record, new Date(Date.now() - 3600_000));
    expect(await seedFacilities(ctx.db, dir)).toMatchObject({ inserted: 1, updated: 0 });
    expect(await seedFacilities(ctx.db, dir)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    // A provider edit after the file was written…
    const admin = await createStaff(ctx.db, 'seedadmin', 'admin');
    const p = await createUser(ctx.db, 'seedprovider');
    await rowsAs(ctx.db, admin.actor, `select public.upsert_provider($1, '种子', null, array['seed-demo'])`, [
      p.email,
    ]);
    await rowsAs(ctx.db, p.actor, `select public.update_vacancies('seed-demo', '{"m24_36": 8}'::jsonb)`);
    // …survives a restart with the same file, while the file's other change (hours) comes in.
    write({ ...record, hours: '周一至周五' }, new Date(Date.now() - 1800_000));
    const result = await seedFacilities(ctx.db, dir);
    expect(result).toMatchObject({ updated: 1, kept: { 'seed-demo': ['vacancies'] } });
    const { rows } = await ctx.db.query<{ c: number; h: string }>(
      `select vacancy_count as c, hours as h from app.facilities where id = 'seed-demo'`,
    );
    expect(rows[0]).toEqual({ c: 8, h: '周一至周五' });
    // A file written after the edit wins.
    write({ ...record, vacancies: { count: 2, as_of: '2026-12-01' } }, new Date(Date.now() + 60_000));
    await seedFacilities(ctx.db, dir);
    const after = await ctx.db.query<{ c: number }>(
      `select vacancy_count as c from app.facilities where id = 'seed-demo'`,
    );
    expect(after.rows[0]!.c).toBe(2);
  });
});
