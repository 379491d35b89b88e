/**
 * Capacity in people (issue 15 item 5), on PGlite and PostgreSQL 15: an event counts adults, or adults and
 * children; a registration states its party; confirmations never exceed capacity in people; a party that no longer
 * fits waits, and a smaller one behind it is confirmed only when the event fills smaller parties.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { asRole, createStaff, type Actor, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

let ip = 0;
const parent = (): Actor => ({ role: 'anon', headers: { 'x-forwarded-for': `192.0.2.${++ip % 250}` } });
let phone = 0;
const nextPhone = () => `1380000${String(++phone).padStart(4, '0')}`;

async function makeEvent(db: Db, capacity: number, counts: string, fill: boolean): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into app.lecture_events (id, title, kind, venue, township, starts_at, ends_at, capacity, status, published_at, counts, fill_smaller_parties)
     values ($1, 'People', 'parent_class', 'Hall', '秋浦街道', now() + interval '2 days', now() + interval '2 days 2 hours', $2, 'published', now(), $3, $4)`,
    [id, capacity, counts, fill],
  );
  return id;
}
/** Signs up a party; the registration's status, or the refusal's code (details). */
async function join(db: Db, eventId: string, adults: number, children: number, mobile = nextPhone()) {
  const r = await asRole<{ r: { status: string; code: string; children: number; details?: string } }>(
    db,
    parent(),
    'select public.sign_up_for_lecture($1, $2, $3, $4, $5, true, $6) as r',
    [eventId, 'Parent', mobile, adults, '1_to_2', children],
  );
  if (!r.ok) return { status: r.code, code: '', mobile };
  return { status: r.rows[0]!.r.status, code: r.rows[0]!.r.code, mobile };
}
async function people(db: Db, eventId: string) {
  const { rows } = await db.query<{ status: string; adults: number; children: number }>(
    'select status, adults, children from app.lecture_registrations where event_id = $1 order by signup_no',
    [eventId],
  );
  return rows;
}

describeEachDatabase('lecture capacity in people', (ctx) => {
  let staff: User;
  beforeAll(async () => {
    staff = await createStaff(ctx.db, 'people-outreach', 'outreach');
  });

  test('adults count: two-adult parties fill places two at a time; a party that does not fit waits, and so does everyone behind it', async () => {
    const ev = await makeEvent(ctx.db, 3, 'adults', false);
    expect((await join(ctx.db, ev, 2, 1)).status).toBe('confirmed'); // 2 of 3 places (children do not count)
    expect((await join(ctx.db, ev, 2, 0)).status).toBe('waitlisted'); // needs 2, 1 left
    expect((await join(ctx.db, ev, 1, 0)).status).toBe('waitlisted'); // fits, but someone waits ahead
    const rows = await people(ctx.db, ev);
    expect(rows.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.adults, 0)).toBe(2);
    const pub = await asRole<{ e: { seats_left: number; registration: string } }>(
      ctx.db,
      parent(),
      'select public.get_lecture_event($1) as e',
      [ev],
    );
    expect(pub.ok && pub.rows[0]!.e).toMatchObject({ seats_left: 1, registration: 'open' });
  });

  test('when the event fills smaller parties, the one behind takes the place left; cancelling promotes in order while parties fit', async () => {
    const ev = await makeEvent(ctx.db, 3, 'adults', true);
    const a = await join(ctx.db, ev, 2, 0);
    const b = await join(ctx.db, ev, 2, 0);
    const c = await join(ctx.db, ev, 1, 0);
    expect([a.status, b.status, c.status]).toEqual(['confirmed', 'waitlisted', 'confirmed']);
    // a cancels: 2 places free, b (2) is confirmed.
    const cancelled = await asRole(ctx.db, parent(), 'select public.cancel_lecture_registration($1, $2)', [
      a.mobile,
      a.code,
    ]);
    expect(cancelled.ok).toBe(true);
    expect((await people(ctx.db, ev)).map((r) => r.status)).toEqual(['cancelled', 'confirmed', 'confirmed']);
  });

  test('adults and children count: the party is adults + children; confirmed people never exceed capacity', async () => {
    const ev = await makeEvent(ctx.db, 5, 'adults_and_children', false);
    const first = await join(ctx.db, ev, 1, 2); // 3 of 5
    expect(first.status).toBe('confirmed');
    expect((await join(ctx.db, ev, 2, 1)).status).toBe('waitlisted'); // 3 > 2 left
    expect((await join(ctx.db, ev, 1, 0)).status).toBe('waitlisted'); // fits, but behind it
    expect((await join(ctx.db, ev, 2, 3)).status).toBe('waitlisted'); // 5: the whole event, waits its turn
    // The first party cancels: 5 free; in order, 3 and 1 are confirmed, then 5 does not fit and the queue stops.
    const r = await asRole(ctx.db, parent(), 'select public.cancel_lecture_registration($1, $2)', [
      first.mobile,
      first.code,
    ]);
    expect(r.ok).toBe(true);
    const rows = await people(ctx.db, ev);
    expect(rows.map((x) => x.status)).toEqual(['cancelled', 'confirmed', 'confirmed', 'waitlisted']);
    const confirmed = rows
      .filter((x) => x.status === 'confirmed')
      .reduce((n, x) => n + x.adults + x.children, 0);
    expect(confirmed).toBe(4);
  });

  test('refusals: a party larger than the event, children out of range, capacity below the people confirmed', async () => {
    const ev = await makeEvent(ctx.db, 3, 'adults_and_children', false);
    expect((await join(ctx.db, ev, 2, 2)).status).toBe('PT409'); // 4 > 3: party_too_large
    expect((await join(ctx.db, ev, 1, 4)).status).toBe('PT400'); // bad_children
    expect((await join(ctx.db, ev, 1, 2)).status).toBe('confirmed');
    const cap = await asRole(ctx.db, staff.actor, 'select public.set_lecture_capacity($1, 2)', [ev]);
    expect(cap).toEqual({
      ok: false,
      code: 'PT409',
      message: 'capacity 2 is below the 3 people already confirmed',
    });
    // Switching the rule to adults only is allowed (1 person), back to adults and children needs the places.
    const save = (counts: string, capacity: number) =>
      asRole(ctx.db, staff.actor, 'select public.save_lecture_event($1, $2::jsonb)', [
        ev,
        JSON.stringify({
          title: 'People',
          kind: 'parent_class',
          venue: 'Hall',
          township: '秋浦街道',
          capacity,
          counts,
          starts_at: new Date(Date.now() + 2 * 86400_000).toISOString(),
          ends_at: new Date(Date.now() + 2 * 86400_000 + 7200_000).toISOString(),
        }),
      ]);
    expect((await save('adults', 1)).ok).toBe(true);
    expect(await save('adults_and_children', 1)).toEqual({
      ok: false,
      code: 'PT409',
      message: 'capacity 1 is below the 3 people already confirmed',
    });
    expect(await save('everyone', 3)).toEqual({
      ok: false,
      code: 'PT400',
      message: 'counts must be adults or adults_and_children',
    });
  });
});
