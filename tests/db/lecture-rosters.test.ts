/**
 * Rosters at any size and bulk numbers only with a reason, on PGlite and PostgreSQL 15 (issue 15, items 4 and 8):
 * the roster is paged and computed in one pass — checked page by page against waitlist positions worked out here
 * from the fixture, at 10,000 registrations, each call under a second; the waitlist limit and its check; the
 * export masked for outreach, full numbers only for an admin with a reason, audited with the ids revealed.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { asRole, createStaff, createUser, rowsAs, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

const ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
/** A distinct valid code for each n (base 25, six digits). */
const codeOf = (n: number) => {
  let s = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / 25)) s = ALPHABET[n % 25] + s;
  return s;
};

interface Fixture {
  signup_no: number;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  mobile: string | null;
}

let nextCodeBase = Math.floor(Math.random() * 1e6) * 16;

/** An event with `n` registrations: 30 confirmed, then every 7th cancelled, the rest waitlisted; #5 redacted. */
async function eventWith(db: Db, n: number, waitlistLimit = 2000): Promise<{ id: string; regs: Fixture[] }> {
  const id = randomUUID();
  await db.query(
    `insert into app.lecture_events (id, title, kind, venue, township, starts_at, ends_at, capacity, status, published_at, waitlist_limit)
     values ($1, 'Big lecture', 'parent_class', 'Hall', '秋浦街道', now() + interval '2 days', now() + interval '2 days 2 hours', 30, 'published', now(), $2)`,
    [id, waitlistLimit],
  );
  // Codes are globally unique: each event takes the next free block of the code space, so two events of one run
  // never share a code (a random start per event collided now and then with the 10,000-registration event).
  const base = nextCodeBase;
  nextCodeBase += n + 1;
  const regs: Fixture[] = Array.from({ length: n }, (_, i) => {
    const no = i + 1;
    const status = no <= 30 ? 'confirmed' : no % 7 === 0 ? 'cancelled' : 'waitlisted';
    return { signup_no: no, status, mobile: no === 5 ? null : `139${String(no).padStart(8, '0')}` };
  });
  await db.query(
    `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status, redacted_at)
     select $1, c, no, case when m is null then null else 'P' || no end, m, 1, 'under_1', now(), st,
            case when m is null then now() end
     from unnest($2::text[], $3::int[], $4::text[], $5::text[]) as u(c, no, m, st)`,
    [
      id,
      regs.map((r) => codeOf(base + r.signup_no)),
      regs.map((r) => r.signup_no),
      regs.map((r) => r.mobile),
      regs.map((r) => r.status),
    ],
  );
  await db.query('update app.lecture_events set signups = $2 where id = $1', [id, n]);
  return { id, regs };
}

/** export_lecture_roster's answer: column names once, then one array of values per registration. */
interface ExportTable {
  columns: string[];
  rows: unknown[][];
}

/** The export's rows as objects, zipped here from `columns` (not with the app's own reader). */
function records<T>(table: ExportTable): T[] {
  return table.rows.map((row) => {
    expect(row).toHaveLength(table.columns.length);
    return Object.fromEntries(table.columns.map((c, i) => [c, row[i]])) as T;
  });
}

/** The roster order and waitlist positions, worked out from the fixture alone. */
function expectedRoster(regs: Fixture[]) {
  const rank = { confirmed: 0, waitlisted: 1, cancelled: 2 };
  let waiting = 0;
  const withPos = regs.map((r) => ({
    ...r,
    waitlist_position: r.status === 'waitlisted' ? ++waiting : null,
  }));
  return withPos.sort((a, b) => rank[a.status] - rank[b.status] || a.signup_no - b.signup_no);
}

interface RosterPage {
  total: number;
  waitlist_limit: number;
  rows: {
    signup_no: number;
    status: string;
    waitlist_position: number | null;
    mobile_masked: string | null;
  }[];
}

describeEachDatabase('lecture rosters', (ctx) => {
  let outreach: User;
  let admin: User;
  let visitor: User;
  beforeAll(async () => {
    outreach = await createStaff(ctx.db, 'roster-outreach', 'outreach');
    admin = await createStaff(ctx.db, 'roster-admin', 'admin');
    visitor = await createUser(ctx.db, 'roster-visitor');
  });

  test('10,000 registrations: every page matches the fixture, each roster and export call under a second', async () => {
    const { id, regs } = await eventWith(ctx.db, 10_000);
    const expected = expectedRoster(regs);
    const seen: RosterPage['rows'] = [];
    let slowest = 0;
    for (let offset = 0; offset < 10_000; offset += 500) {
      const t = performance.now();
      const [{ r }] = await rowsAs<{ r: RosterPage }>(
        ctx.db,
        outreach.actor,
        'select public.lecture_roster($1, $2, $3) as r',
        [id, 500, offset],
      );
      slowest = Math.max(slowest, performance.now() - t);
      expect(r.total).toBe(10_000);
      expect(r.rows).toHaveLength(500);
      seen.push(...r.rows);
    }
    expect(seen.map((r) => [r.signup_no, r.status, r.waitlist_position])).toEqual(
      expected.map((r) => [r.signup_no, r.status, r.waitlist_position]),
    );
    expect(seen.find((r) => r.signup_no === 31)?.mobile_masked).toBe('139****0031');
    const t = performance.now();
    const [{ r: table }] = await rowsAs<{ r: ExportTable }>(
      ctx.db,
      outreach.actor,
      'select public.export_lecture_roster($1) as r',
      [id],
    );
    const exportMs = performance.now() - t;
    const exported = records<{
      signup_no: number;
      status: string;
      waitlist_position: number | null;
      mobile: string | null;
    }>(table);
    const bySignup = [...expected].sort((a, b) => a.signup_no - b.signup_no);
    expect(exported.map((r) => [r.signup_no, r.status, r.waitlist_position])).toEqual(
      bySignup.map((r) => [r.signup_no, r.status, r.waitlist_position]),
    );
    expect(exported.map((r) => r.mobile)).toEqual(
      bySignup.map((r) => (r.mobile ? `${r.mobile.slice(0, 3)}****${r.mobile.slice(-4)}` : null)),
    );
    console.log(
      `${ctx.kind}: roster page of 500 at 10,000 registrations ≤ ${slowest.toFixed(0)} ms; export ${exportMs.toFixed(0)} ms`,
    );
    expect(slowest).toBeLessThan(1000);
    expect(exportMs).toBeLessThan(1000);
  });

  test('paging: limits out of range are PT400, an unknown event PT404, a visitor PT403', async () => {
    const { id } = await eventWith(ctx.db, 3);
    const roster = (a: User, ...args: unknown[]) =>
      asRole(ctx.db, a.actor, 'select public.lecture_roster($1, $2, $3) as r', args);
    for (const [limit, offset] of [
      [0, 0],
      [501, 0],
      [10, -1],
    ]) {
      const r = await roster(outreach, id, limit, offset);
      expect(r.ok ? 'ok' : `${r.code}: ${r.message}`).toBe(
        'PT400: limit must be 1 to 500 and offset 0 or more',
      );
    }
    const unknown = await roster(outreach, randomUUID(), 10, 0);
    expect(unknown.ok ? 'ok' : unknown.code).toBe('PT404');
    const denied = await roster(visitor, id, 10, 0);
    expect(denied.ok ? 'ok' : denied.code).toBe('PT403');
    const past = (
      await rowsAs<{ r: RosterPage }>(
        ctx.db,
        outreach.actor,
        'select public.lecture_roster($1, 10, 100) as r',
        [id],
      )
    )[0].r;
    expect([past.total, past.rows.length]).toEqual([3, 0]);
  });

  test('waitlist limit: staff set it (audited); the check refuses once that many wait', async () => {
    const { id } = await eventWith(ctx.db, 30); // 30 confirmed, nobody waiting (the 7th… are cancelled)
    const setLimit = (who: User, limit: unknown, event = id) =>
      asRole<{ r: { waitlist_limit: number } }>(
        ctx.db,
        who.actor,
        'select public.set_lecture_waitlist_limit($1, $2) as r',
        [event, limit],
      );
    const bad = await setLimit(outreach, 2001);
    expect(bad.ok ? 'ok' : `${bad.code}: ${bad.message}`).toBe('PT400: the waitlist limit must be 0 to 2000');
    const unknown = await setLimit(outreach, 5, randomUUID());
    expect(unknown.ok ? 'ok' : unknown.code).toBe('PT404');
    const denied = await setLimit(visitor, 5);
    expect(denied.ok ? 'ok' : denied.code).toBe('PT403');
    const ok = await setLimit(outreach, 2);
    expect(ok.ok && ok.rows[0].r.waitlist_limit).toBe(2);
    const check = () =>
      ctx.db
        .query(
          'select app_private.require_lecture_waitlist_room(e) from app.lecture_events e where e.id = $1',
          [id],
        )
        .then(
          () => 'room',
          (e: { code: string; detail: string }) => `${e.code} ${e.detail}`,
        );
    expect(await check()).toBe('room');
    const wait = (no: number) =>
      ctx.db.query(
        `insert into app.lecture_registrations (event_id, code, signup_no, name, mobile, adults, child_age_band, consent_at, status)
         values ($1, $2, $3, 'W', $4, 1, 'under_1', now(), 'waitlisted')`,
        [id, codeOf(Math.floor(Math.random() * 1e6) * 16 + no), no, `1370000${String(no).padStart(4, '0')}`],
      );
    await wait(31);
    expect(await check()).toBe('room');
    await wait(32);
    expect(await check()).toBe('PT409 lecture:waitlist_full');
    // The sign-up itself refuses to add a third waiting person (returned, so the attempt still counts).
    const full = await asRole(
      ctx.db,
      { role: 'anon', headers: { 'x-forwarded-for': '198.18.200.1' } },
      `select public.sign_up_for_lecture($1, 'Third', '13700009999', 1, 'under_1', true) as r`,
      [id],
    );
    expect(full).toMatchObject({ ok: false, code: 'PT409', message: 'the waitlist of this event is full' });
    const waiting = await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from app.lecture_registrations where event_id = $1 and status = 'waitlisted'`,
      [id],
    );
    expect(waiting.rows[0]!.n).toBe(2);
    const audit = await ctx.db.query<{ details: { waitlist_limit: number } }>(
      `select details from app.audit_log where action = 'lecture_event.waitlist_limit' and target_id = $1`,
      [id],
    );
    expect(audit.rows.map((r) => r.details.waitlist_limit)).toEqual([2]);
    const defaults = await ctx.db.query<{ d: string }>(
      `select column_default as d from information_schema.columns where table_schema = 'app' and table_name = 'lecture_events' and column_name = 'waitlist_limit'`,
    );
    expect(defaults.rows[0]?.d).toBe('200');
  });

  test('export: masked for outreach; full numbers only for an admin with a reason, audited with the ids revealed', async () => {
    const { id, regs } = await eventWith(ctx.db, 12);
    const exportAs = (who: User, full: boolean | null, reason: string | null) =>
      asRole<{ r: ExportTable }>(ctx.db, who.actor, 'select public.export_lecture_roster($1, $2, $3) as r', [
        id,
        full,
        reason,
      ]);
    const masked = await exportAs(outreach, null, null);
    if (!masked.ok) throw new Error(masked.message);
    // One list of column names, then one array per registration in sign-up order (a third of the bytes of objects).
    expect(masked.rows[0].r.columns).toEqual([
      'id',
      'signup_no',
      'code',
      'name',
      'mobile',
      'adults',
      'child_age_band',
      'status',
      'waitlist_position',
      'checked_in_at',
    ]);
    type Exported = { id: number; signup_no: number; mobile: string | null; name: string | null };
    expect(records<Exported>(masked.rows[0].r).map((r) => r.signup_no)).toEqual(regs.map((r) => r.signup_no));
    expect(records<Exported>(masked.rows[0].r).map((r) => r.mobile)).toEqual(
      regs.map((r) => (r.mobile ? `${r.mobile.slice(0, 3)}****${r.mobile.slice(-4)}` : null)),
    );
    const outreachFull = await exportAs(outreach, true, 'call everyone about the new room');
    expect(outreachFull.ok ? 'ok' : `${outreachFull.code}: ${outreachFull.message}`).toBe(
      'PT403: only an admin may export full phone numbers',
    );
    for (const reason of [null, '', '   ', 'abc']) {
      const r = await exportAs(admin, true, reason);
      expect(r.ok ? 'ok' : r.code).toBe('PT400');
    }
    const full = await exportAs(admin, true, '  venue moved: call everyone  ');
    if (!full.ok) throw new Error(full.message);
    const fullRows = records<Exported>(full.rows[0].r);
    expect(fullRows.map((r) => r.mobile)).toEqual(regs.map((r) => r.mobile));
    const audit = await ctx.db.query<{ action: string; actor: string; details: Record<string, unknown> }>(
      `select action, actor::text, details from app.audit_log where target_id = $1 and action like 'lecture_event.export%' order by id`,
      [id],
    );
    const idsWithNumbers = fullRows.filter((r) => r.mobile !== null).map((r) => r.id);
    expect(idsWithNumbers).toHaveLength(11); // #5 was redacted: nothing of it revealed
    expect(audit.rows).toEqual([
      { action: 'lecture_event.export', actor: outreach.id, details: { rows: 12, masked: true } },
      {
        action: 'lecture_event.export_full',
        actor: admin.id,
        details: { rows: 12, reason: 'venue moved: call everyone', registration_ids: idsWithNumbers },
      },
    ]);
    const reveal = await asRole(ctx.db, outreach.actor, 'select public.reveal_lecture_mobile($1)', [-1]);
    expect(reveal.ok ? 'ok' : `${reveal.code}: ${reveal.message}`).toBe('PT404: no such registration');
  });
});
