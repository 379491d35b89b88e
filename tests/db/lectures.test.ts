/**
 * Lectures in the database, on PGlite and PostgreSQL 15: sign-up (confirmed, then waitlisted in order), refusals with
 * their reasons, cancel and look-up with phone + code, promotion, code collisions, the rate limit, the staff
 * functions (publish, cancel with people to call, roster masking, audited reveal and export, idempotent check-in,
 * capacity), retention, and — on PostgreSQL — the event row lock serialising concurrent sign-ups.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { openPostgres } from '../../supabase/embedded/db/postgres.ts';
import { runDailyJobs } from '../../scripts/lib/daily-maintenance.ts';
import { looksLikeEvent, looksLikeRegistration } from '../../src/lib/lectures/answer-checks.ts';
import { PublicEventSchema, RegistrationSchema } from '../../src/lib/schemas/lecture-api.ts';
import { asRole, createStaff, createUser, rowsAs, type Actor, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

const CODE = /^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/;
let ipCounter = 0;
/** A parent on their own address (each gets a fresh rate-limit bucket unless `ip` is given). */
const parent = (ip = `198.18.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`): Actor => ({
  role: 'anon',
  headers: { 'x-forwarded-for': ip },
});

interface Reg {
  code: string;
  status: string;
  waitlist_position: number | null;
  checked_in: boolean;
  event: { seats_left: number; waitlist: number; registration: string };
}

/** Inserts an event directly (as superuser); `at` offsets in hours from now. */
async function makeEvent(
  db: Db,
  o: {
    capacity?: number;
    startsIn?: number;
    status?: string;
    opensIn?: number | null;
    closesIn?: number | null;
    lastsHours?: number;
  } = {},
): Promise<string> {
  const id = randomUUID();
  const starts = o.startsIn ?? 48;
  await db.query(
    `insert into app.lecture_events (id, title, kind, venue, township, starts_at, ends_at, capacity, status, published_at, registration_opens_at, registration_closes_at)
     values ($1, 'Test lecture', 'parent_class', 'Hall', '秋浦街道', now() + make_interval(hours => $2), now() + make_interval(hours => $2 + $3), $4, $5,
             case when $5 <> 'draft' then now() end, now() + make_interval(hours => $6), now() + make_interval(hours => $7))`,
    [
      id,
      starts,
      o.lastsHours ?? 2,
      o.capacity ?? 2,
      o.status ?? 'published',
      o.opensIn ?? null,
      o.closesIn ?? null,
    ],
  );
  return id;
}

function signUp(
  db: Db,
  eventId: string,
  mobile: string,
  who: Actor = parent(),
  extra: { name?: string; adults?: number; band?: string; consent?: boolean } = {},
) {
  return asRole<{ r: Reg }>(db, who, 'select public.sign_up_for_lecture($1, $2, $3, $4, $5, $6) as r', [
    eventId,
    extra.name ?? 'Parent',
    mobile,
    extra.adults ?? 1,
    extra.band ?? 'under_1',
    extra.consent ?? true,
  ]);
}
async function signedUp(db: Db, eventId: string, mobile: string, who?: Actor): Promise<Reg> {
  const r = await signUp(db, eventId, mobile, who);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.rows[0].r;
}
async function errorOf(p: Promise<{ ok: boolean; code?: string; message?: string }>): Promise<string> {
  const r = await p;
  return r.ok ? 'ok' : `${r.code}: ${r.message}`;
}
const counts = async (db: Db, id: string) =>
  (
    await db.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from app.lecture_registrations where event_id = $1 group by 1 order by 1`,
      [id],
    )
  ).rows;

describeEachDatabase('lectures', (ctx) => {
  let outreach: User;
  let visitor: User;
  beforeAll(async () => {
    outreach = await createStaff(ctx.db, 'lecturer', 'outreach');
    visitor = await createUser(ctx.db, 'visitor');
  });

  test('confirms up to capacity, then waitlists in order; returns a code and never a phone number', async () => {
    const ev = await makeEvent(ctx.db, { capacity: 2 });
    const a = await signedUp(ctx.db, ev, '13800000001');
    const b = await signedUp(ctx.db, ev, '138 0000 0002');
    const c = await signedUp(ctx.db, ev, '+86 138-0000-0003');
    const d = await signedUp(ctx.db, ev, '13800000004');
    expect([a, b, c, d].map((r) => [r.status, r.waitlist_position])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    for (const r of [a, b, c, d]) expect(r.code).toMatch(CODE);
    // The answers have the shapes the browser expects (src/lib/schemas/lecture-api.ts), and its cheap checks pass.
    for (const r of [a, b, c, d]) {
      expect(RegistrationSchema.safeParse(r).error).toBeUndefined();
      expect(looksLikeRegistration(r)).toBe(true);
    }
    expect(new Set([a, b, c, d].map((r) => r.code)).size).toBe(4);
    expect(d.event).toMatchObject({ seats_left: 0, waitlist: 2, registration: 'waitlist' });
    expect(JSON.stringify([a, b, c, d])).not.toMatch(/1380000000\d/);
    const listed = (
      await rowsAs<{ l: { id: string; seats_left: number; waitlist: number }[] }>(
        ctx.db,
        parent(),
        'select public.list_lecture_events() as l',
      )
    )[0].l;
    expect(listed.find((e) => e.id === ev)).toMatchObject({ seats_left: 0, waitlist: 2 });
    for (const e of listed) {
      expect(PublicEventSchema.safeParse(e).error).toBeUndefined();
      expect(looksLikeEvent(e)).toBe(true);
    }
    expect(JSON.stringify(listed)).not.toMatch(/1380000000\d|Parent/);
    // The stored numbers are normalised (spaces, dashes and +86 removed).
    const stored = await ctx.db.query<{ mobile: string }>(
      'select mobile from app.lecture_registrations where event_id = $1 order by signup_no',
      [ev],
    );
    expect(stored.rows.map((r) => r.mobile)).toEqual([
      '13800000001',
      '13800000002',
      '13800000003',
      '13800000004',
    ]);
  });

  test('the same phone cannot register twice for one event (in any spelling), but may after cancelling', async () => {
    const ev = await makeEvent(ctx.db);
    const first = await signedUp(ctx.db, ev, '13900000001');
    expect(await errorOf(signUp(ctx.db, ev, '+86 139 0000 0001'))).toBe(
      'PT409: this phone number is already registered for this event',
    );
    await rowsAs(ctx.db, parent(), 'select public.cancel_lecture_registration($1, $2)', [
      '13900000001',
      first.code,
    ]);
    expect((await signedUp(ctx.db, ev, '13900000001')).status).toBe('confirmed');
  });

  test('refuses with a clear reason: draft, cancelled, over, closed, not yet open; bad input changes nothing', async () => {
    const cases: [string, Parameters<typeof makeEvent>[1], string][] = [
      ['draft', { status: 'draft' }, 'PT404: no such event'],
      ['cancelled', { status: 'cancelled' }, 'PT409: this event has been cancelled'],
      ['over', { startsIn: -5, lastsHours: 2 }, 'PT409: this event is over'],
      ['started', { startsIn: -1, lastsHours: 2 }, 'PT409: registration for this event has closed'],
      ['closed', { closesIn: -1 }, 'PT409: registration for this event has closed'],
      ['not open', { opensIn: 24 }, 'PT409: registration for this event opens at'],
    ];
    for (const [, opts, message] of cases) {
      const ev = await makeEvent(ctx.db, opts);
      expect(await errorOf(signUp(ctx.db, ev, '13700000001'))).toContain(message);
      expect(await counts(ctx.db, ev)).toEqual([]);
    }
    const ev = await makeEvent(ctx.db);
    expect(await errorOf(signUp(ctx.db, randomUUID(), '13700000001'))).toBe('PT404: no such event');
    expect(await errorOf(signUp(ctx.db, ev, '12345678901'))).toBe(
      'PT400: enter an 11-digit mainland mobile number',
    );
    expect(await errorOf(signUp(ctx.db, ev, '1370000000'))).toBe(
      'PT400: enter an 11-digit mainland mobile number',
    );
    expect(await errorOf(signUp(ctx.db, ev, '13700000001', parent(), { name: '  ' }))).toBe(
      'PT400: enter a name of 1 to 40 characters',
    );
    expect(await errorOf(signUp(ctx.db, ev, '13700000001', parent(), { adults: 3 }))).toBe(
      'PT400: one or two adults may attend per registration',
    );
    expect(await errorOf(signUp(ctx.db, ev, '13700000001', parent(), { band: 'teen' }))).toBe(
      "PT400: choose the child's age",
    );
    expect(await errorOf(signUp(ctx.db, ev, '13700000001', parent(), { consent: false }))).toBe(
      'PT400: consent to the use of your contact details is needed to register',
    );
    expect(await counts(ctx.db, ev)).toEqual([]);
  });

  test('cancel with phone + code gives the seat to the first on the waitlist; look-up shows the status; wrong pairs find nothing', async () => {
    const ev = await makeEvent(ctx.db, { capacity: 1 });
    const a = await signedUp(ctx.db, ev, '13600000001');
    const b = await signedUp(ctx.db, ev, '13600000002');
    const c = await signedUp(ctx.db, ev, '13600000003');
    const look = async (m: string, code: string) =>
      (
        await rowsAs<{ r: Reg }>(ctx.db, parent(), 'select public.lookup_lecture_registration($1, $2) as r', [
          m,
          code,
        ])
      )[0].r;
    expect(await look('13600000003', c.code.toLowerCase())).toMatchObject({
      status: 'waitlisted',
      waitlist_position: 2,
    });
    expect(
      await errorOf(
        asRole(ctx.db, parent(), 'select public.lookup_lecture_registration($1, $2)', [
          '13600000002',
          a.code,
        ]),
      ),
    ).toBe('PT404: no registration matches this phone number and code');
    expect(
      await errorOf(
        asRole(ctx.db, parent(), 'select public.cancel_lecture_registration($1, $2)', [
          '13600000002',
          a.code,
        ]),
      ),
    ).toBe('PT404: no registration matches this phone number and code');
    const cancelled = (
      await rowsAs<{ r: Reg }>(ctx.db, parent(), 'select public.cancel_lecture_registration($1, $2) as r', [
        '13600000001',
        `${a.code.slice(0, 3)}-${a.code.slice(3)}`,
      ])
    )[0].r;
    expect(cancelled.status).toBe('cancelled');
    expect(await look('13600000002', b.code)).toMatchObject({ status: 'confirmed', waitlist_position: null });
    expect(await look('13600000003', c.code)).toMatchObject({ status: 'waitlisted', waitlist_position: 1 });
    // Cancelling again changes nothing and promotes nobody else.
    expect(
      (
        await rowsAs<{ r: Reg }>(ctx.db, parent(), 'select public.cancel_lecture_registration($1, $2) as r', [
          '13600000001',
          a.code,
        ])
      )[0].r.status,
    ).toBe('cancelled');
    expect(await counts(ctx.db, ev)).toEqual([
      { status: 'cancelled', n: 1 },
      { status: 'confirmed', n: 1 },
      { status: 'waitlisted', n: 1 },
    ]);
  });

  test('a code collision is retried with a new code (the generator replaced for one transaction)', async () => {
    const ev = await makeEvent(ctx.db, { capacity: 5 });
    const taken = (await signedUp(ctx.db, ev, '13500000001')).code;
    const result = await ctx.db
      .transaction(async (tx) => {
        // A generator that first returns the taken code, then a fresh one: the insert must retry once.
        await tx.exec(`create temporary sequence collide_seq; grant usage on sequence collide_seq to public;
          create or replace function app_private.random_lecture_code() returns text language sql volatile set search_path = '' as
          $f$ select case when nextval('collide_seq') = 1 then '${taken}' else 'XXXXXX' end $f$;`);
        await tx.exec(
          `set local role anon; select set_config('request.headers', '{"x-forwarded-for":"198.18.200.1"}', true)`,
        );
        const r = await tx.query<{ r: Reg }>(
          `select public.sign_up_for_lecture($1, 'P', '13500000002', 1, 'under_1', true) as r`,
          [ev],
        );
        throw Object.assign(new Error('rollback'), { reg: r.rows[0].r });
      })
      .catch((e: { reg?: Reg }) => e.reg ?? e);
    expect(result).toMatchObject({ code: 'XXXXXX' });
    expect((result as Reg).code).not.toBe(taken);
    // Rolled back: the real generator is back.
    expect((await signedUp(ctx.db, ev, '13500000003')).code).toMatch(CODE);
  });

  test('a client may sign up 20 times an hour; the 21st is refused and stores nothing', async () => {
    const ev = await makeEvent(ctx.db, { capacity: 50 });
    const me = parent('198.18.250.250');
    for (let i = 0; i < 20; i++) await signedUp(ctx.db, ev, `1330000${String(i).padStart(4, '0')}`, me);
    expect(await errorOf(signUp(ctx.db, ev, '13311110000', me))).toBe(
      'PT429: too many sign-ups from this connection',
    );
    expect(await errorOf(signUp(ctx.db, ev, '13311110000', parent()))).toBe('ok');
  });

  test('staff: create with plain validation errors, publish, edit, unpublish refused once people registered, cancel returns the people to call', async () => {
    const base = {
      title: '家长讲堂',
      kind: 'parent_class',
      venue: 'Hall',
      township: '秋浦街道',
      starts_at: '2030-03-01T09:00:00+08:00',
      ends_at: '2030-03-01T10:30:00+08:00',
      capacity: 2,
    };
    const save = (id: string | null, e: object, who = outreach.actor) =>
      asRole<{ r: Record<string, unknown> }>(ctx.db, who, 'select public.save_lecture_event($1, $2) as r', [
        id,
        JSON.stringify(e),
      ]);
    expect(await errorOf(save(null, { ...base, ends_at: base.starts_at }))).toBe(
      'PT400: the event must end after it starts',
    );
    expect(await errorOf(save(null, { ...base, title: '' }))).toBe(
      'PT400: the title needs 1 to 120 characters',
    );
    expect(await errorOf(save(null, { ...base, capacity: 'lots' }))).toBe(
      'PT400: capacity must be a whole number',
    );
    expect(await errorOf(save(null, { ...base, starts_at: 'next Monday' }))).toBe(
      'PT400: dates and times must be like 2026-06-01T09:30:00+08:00',
    );
    expect(await errorOf(save(null, base, visitor.actor))).toBe('PT403: outreach role required');
    const created = await save(null, base);
    if (!created.ok) throw new Error(created.message);
    const id = created.rows[0].r.id as string;
    expect(created.rows[0].r).toMatchObject({
      status: 'draft',
      capacity: 2,
      starts_at: '2030-03-01T01:00:00+00:00',
    });
    expect(await errorOf(signUp(ctx.db, id, '13200000001'))).toBe('PT404: no such event');
    const status = (s: string) =>
      asRole<{ r: { status: string; to_call: { name: string; mobile: string; status: string }[] } }>(
        ctx.db,
        outreach.actor,
        'select public.set_lecture_event_status($1, $2, $3) as r',
        [id, s, 'speaker ill'],
      );
    expect(await errorOf(status('published'))).toBe('ok');
    await signedUp(ctx.db, id, '13200000001');
    await signedUp(ctx.db, id, '13200000002');
    await signedUp(ctx.db, id, '13200000003');
    expect(await errorOf(status('draft'))).toBe(
      'PT409: people have registered: cancel the event instead of unpublishing it',
    );
    expect(await errorOf(save(id, { ...base, title: '家长讲堂（改）', capacity: 1 }))).toBe(
      'PT409: capacity 1 is below the 2 people already confirmed',
    );
    const cancelled = await status('cancelled');
    if (!cancelled.ok) throw new Error(cancelled.message);
    expect(cancelled.rows[0].r.status).toBe('cancelled');
    expect(cancelled.rows[0].r.to_call.map((p) => [p.mobile, p.status])).toEqual([
      ['13200000001', 'confirmed'],
      ['13200000002', 'confirmed'],
      ['13200000003', 'waitlisted'],
    ]);
    expect(await errorOf(status('published'))).toBe('PT409: a cancelled event cannot be reopened');
    expect(await errorOf(signUp(ctx.db, id, '13200000009'))).toBe('PT409: this event has been cancelled');
    const audit = await ctx.db.query<{ action: string }>(
      `select action from app.audit_log where target_id = $1 order by id`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'lecture_event.create',
      'lecture_event.publish',
      'lecture_event.cancel',
    ]);
    // …and each person on the list handed out is audited on their own registration.
    const toCall = await ctx.db.query<{ target_id: string }>(
      `select a.target_id from app.audit_log a join app.lecture_registrations r on r.id::text = a.target_id
       where a.action = 'lecture_registration.to_call' and r.event_id = $1 order by r.signup_no`,
      [id],
    );
    expect(toCall.rows.map((r) => r.target_id)).toEqual(
      cancelled.rows[0].r.to_call.map((p) => String((p as unknown as { id: number }).id)),
    );
    expect(toCall.rows).toHaveLength(3);
  });

  test('staff: roster masks phones, reveal and export are audited, check-in is idempotent and only for confirmed people', async () => {
    const ev = await makeEvent(ctx.db, { capacity: 1 });
    const a = await signedUp(ctx.db, ev, '13812341234');
    const b = await signedUp(ctx.db, ev, '13898765678');
    const roster = (
      await rowsAs<{
        r: {
          rows: {
            id: number;
            code: string;
            name: string;
            mobile_masked: string;
            status: string;
            waitlist_position: number | null;
          }[];
        };
      }>(ctx.db, outreach.actor, 'select public.lecture_roster($1) as r', [ev])
    )[0].r.rows;
    expect(roster.map((r) => [r.code, r.mobile_masked, r.status, r.waitlist_position])).toEqual([
      [a.code, '138****1234', 'confirmed', null],
      [b.code, '138****5678', 'waitlisted', 1],
    ]);
    expect(JSON.stringify(roster)).not.toContain('13812341234');
    expect(await errorOf(asRole(ctx.db, visitor.actor, 'select public.lecture_roster($1)', [ev]))).toBe(
      'PT403: outreach role required',
    );
    const revealed = await rowsAs<{ m: string }>(
      ctx.db,
      outreach.actor,
      'select public.reveal_lecture_mobile($1) as m',
      [roster[0].id],
    );
    expect(revealed[0].m).toBe('13812341234');
    const checkIn = (code: string) =>
      asRole<{ r: { already: boolean; checked_in_at: string } }>(
        ctx.db,
        outreach.actor,
        'select public.check_in_lecture($1, $2) as r',
        [ev, code],
      );
    const first = await checkIn(a.code.toLowerCase());
    const second = await checkIn(a.code);
    expect(first.ok && first.rows[0].r.already).toBe(false);
    expect(second.ok && second.rows[0].r.already).toBe(true);
    expect(first.ok && second.ok && first.rows[0].r.checked_in_at === second.rows[0].r.checked_in_at).toBe(
      true,
    );
    expect(await errorOf(checkIn(b.code))).toBe('PT409: this person is on the waitlist (position 1)');
    expect(await errorOf(checkIn('CCCCCC'))).toBe('PT404: no registration with this code for this event');
    const table = (
      await rowsAs<{ r: { columns: string[]; rows: unknown[][] } }>(
        ctx.db,
        outreach.actor,
        'select public.export_lecture_roster($1) as r',
        [ev],
      )
    )[0].r;
    const exported = table.rows.map(
      (row) =>
        Object.fromEntries(table.columns.map((c, i) => [c, row[i]])) as {
          mobile: string;
          status: string;
          checked_in_at: string | null;
        },
    );
    // Outreach exports are masked (full numbers: admin with a reason, tests/db/lecture-rosters.test.ts).
    expect(exported.map((r) => [r.mobile, r.status, r.checked_in_at !== null])).toEqual([
      ['138****1234', 'confirmed', true],
      ['138****5678', 'waitlisted', false],
    ]);
    const audit = await ctx.db.query<{ action: string; details: Record<string, unknown> }>(
      `select action, details from app.audit_log where actor = $1 and (target_id = $2 or details ->> 'event_id' = $2) order by id`,
      [outreach.id, ev],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'lecture_registration.reveal_mobile',
      'lecture_registration.check_in',
      'lecture_event.export',
    ]);
    // The checked-in person cannot cancel any more.
    expect(
      await errorOf(
        asRole(ctx.db, parent(), 'select public.cancel_lecture_registration($1, $2)', [
          '13812341234',
          a.code,
        ]),
      ),
    ).toBe('PT409: you have already been checked in');
  });

  test('staff: raising capacity promotes from the waitlist in sign-up order; lowering below confirmed is refused', async () => {
    const ev = await makeEvent(ctx.db, { capacity: 1 });
    const regs: Reg[] = [];
    for (let i = 1; i <= 5; i++) regs.push(await signedUp(ctx.db, ev, `1370000000${i}`));
    const cap = (n: number) =>
      asRole<{ r: { promoted: number; capacity: number } }>(
        ctx.db,
        outreach.actor,
        'select public.set_lecture_capacity($1, $2) as r',
        [ev, n],
      );
    const raised = await cap(3);
    expect(raised.ok && raised.rows[0].r).toMatchObject({ promoted: 2, capacity: 3 });
    const byNo = await ctx.db.query<{ signup_no: number; status: string }>(
      'select signup_no, status from app.lecture_registrations where event_id = $1 order by signup_no',
      [ev],
    );
    expect(byNo.rows.map((r) => r.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
    ]);
    expect(await errorOf(cap(2))).toBe('PT409: capacity 2 is below the 3 people already confirmed');
    expect(await errorOf(cap(0))).toBe('PT400: capacity must be between 1 and 2000');
    expect(await errorOf(cap(3))).toBe('ok');
  });

  test('retention: names and phones go 30 days after the event; the counts stay', async () => {
    const old = await makeEvent(ctx.db, { capacity: 1 });
    const recent = await makeEvent(ctx.db, { capacity: 1 });
    await signedUp(ctx.db, old, '13100000001');
    await signedUp(ctx.db, old, '13100000002');
    await signedUp(ctx.db, recent, '13100000003');
    await ctx.db.query(
      `update app.lecture_events set starts_at = now() - interval '31 days 2 hours', ends_at = now() - interval '31 days' where id = $1`,
      [old],
    );
    await ctx.db.query(
      `update app.lecture_events set starts_at = now() - interval '29 days 2 hours', ends_at = now() - interval '29 days' where id = $1`,
      [recent],
    );
    // As npm start runs it: the daily-maintenance runner.
    const purged = (await runDailyJobs(ctx.db)).find((r) => r.job === 'app_private.purge_lecture_contacts')!;
    expect(purged.count).toBeGreaterThanOrEqual(2);
    const rows = await ctx.db.query<{
      event_id: string;
      name: string | null;
      mobile: string | null;
      status: string;
    }>(
      'select event_id, name, mobile, status from app.lecture_registrations where event_id in ($1, $2) order by event_id = $1 desc, signup_no',
      [old, recent],
    );
    expect(rows.rows.map((r) => [r.event_id === old, r.name, r.mobile, r.status])).toEqual([
      [true, null, null, 'confirmed'],
      [true, null, null, 'waitlisted'],
      [false, 'Parent', '13100000003', 'confirmed'],
    ]);
    expect(
      (await ctx.db.query<{ n: number }>('select app_private.purge_lecture_contacts() as n')).rows[0].n,
    ).toBe(0);
    // A failing job is reported and does not stop the others; a name that is not a function name is refused.
    const results = await runDailyJobs(ctx.db, [
      'app_private.no_such_job',
      'app_private.purge_lecture_contacts',
    ]);
    expect(results[0]).toMatchObject({
      job: 'app_private.no_such_job',
      error: expect.stringContaining('does not exist'),
    });
    expect(results[1]).toEqual({ job: 'app_private.purge_lecture_contacts', count: 0 });
    await expect(runDailyJobs(ctx.db, ['x(); drop table app.lecture_events; --'])).rejects.toThrow(
      'not a function name',
    );
  });

  test("service_role (which npm start's daily job becomes on the API's authenticator login) may run the purge and nothing else of lectures; authenticator itself may not", async () => {
    const as = (role: string, sql: string) =>
      ctx.db
        .transaction(async (tx) => {
          await tx.exec(`set local role ${role}`);
          return (await tx.query<{ r: unknown }>(sql)).rows[0].r;
        })
        .then(
          (r) => ({ ok: true, r }),
          (e: { code: string; message: string }) => ({ ok: false, r: `${e.code}: ${e.message}` }),
        );
    expect(await as('service_role', 'select app_private.purge_lecture_contacts() as r')).toEqual({
      ok: true,
      r: 0,
    });
    expect(await as('service_role', `select app_private.mask_mobile('13800000000') as r`)).toEqual({
      ok: false,
      r: '42501: permission denied for function mask_mobile',
    });
    expect(await as('service_role', 'select count(*) as r from app.lecture_registrations')).toMatchObject({
      ok: false,
    });
    expect(await as('authenticator', 'select app_private.purge_lecture_contacts() as r')).toMatchObject({
      ok: false,
    });
  });

  // Declared for PostgreSQL only (PGlite runs one transaction at a time), so neither half passes without checking.
  if (ctx.kind === 'postgres') {
    test('PostgreSQL: the event row lock makes a second sign-up wait for the first transaction', async () => {
      const ev = await makeEvent(ctx.db, { capacity: 1 });
      const pool = openPostgres(ctx.url!, 3);
      try {
        let releaseFirst!: () => void;
        const held = new Promise<void>((r) => (releaseFirst = r));
        let firstDone = false;
        const first = pool.transaction(async (tx) => {
          await tx.exec(
            `set local role anon; select set_config('request.headers', '{"x-forwarded-for":"198.18.201.1"}', true)`,
          );
          await tx.query(`select public.sign_up_for_lecture($1, 'A', '13000000001', 1, 'under_1', true)`, [
            ev,
          ]);
          await held;
          firstDone = true;
        });
        await new Promise((r) => setTimeout(r, 200));
        const second = pool.transaction(async (tx) => {
          await tx.exec(
            `set local role anon; select set_config('request.headers', '{"x-forwarded-for":"198.18.201.2"}', true)`,
          );
          const r = await tx.query<{ r: Reg }>(
            `select public.sign_up_for_lecture($1, 'B', '13000000002', 1, 'under_1', true) as r`,
            [ev],
          );
          return { r: r.rows[0].r, afterFirst: firstDone };
        });
        // While the first holds the lock, the second waits on it (a Lock wait in pg_stat_activity).
        let waiting = 0;
        for (let i = 0; i < 50 && waiting === 0; i++) {
          await new Promise((r) => setTimeout(r, 50));
          waiting = (
            await ctx.db.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%sign_up_for_lecture%'`,
            )
          ).rows[0].n;
        }
        expect(waiting).toBe(1);
        releaseFirst();
        await first;
        const got = await second;
        expect(got.afterFirst).toBe(true);
        expect(got.r).toMatchObject({ status: 'waitlisted', waitlist_position: 1 });
      } finally {
        await pool.close();
      }
    });

    test('PostgreSQL: 120 concurrent sign-ups at capacity 12 → exactly 12 confirmed, the rest waitlisted 1…108 without gaps', async () => {
      const ev = await makeEvent(ctx.db, { capacity: 12 });
      const pool = openPostgres(ctx.url!, 16);
      try {
        const results = await Promise.all(
          Array.from({ length: 120 }, (_, i) =>
            pool.transaction(async (tx) => {
              await tx.exec(
                `set local role anon; select set_config('request.headers', '{"x-forwarded-for":"198.19.0.${i}"}', true)`,
              );
              return (
                await tx.query<{ r: Reg }>(
                  `select public.sign_up_for_lecture($1, 'P', $2, 1, 'under_1', true) as r`,
                  [ev, `1550000${String(i).padStart(4, '0')}`],
                )
              ).rows[0].r;
            }),
          ),
        );
        expect(results.filter((r) => r.status === 'confirmed').length).toBe(12);
        expect(
          results
            .filter((r) => r.status === 'waitlisted')
            .map((r) => r.waitlist_position)
            .sort((x, y) => x! - y!),
        ).toEqual(Array.from({ length: 108 }, (_, i) => i + 1));
        const nos = await ctx.db.query<{ signup_no: number }>(
          'select signup_no from app.lecture_registrations where event_id = $1 order by 1',
          [ev],
        );
        expect(nos.rows.map((r) => r.signup_no)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      } finally {
        await pool.close();
      }
    });
  }
});
