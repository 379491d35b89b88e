/** Staff functions, acting as each kind of user: whoami, list_staff, upsert_staff (+ audit, last admin), list_audit_log. */
import { beforeAll, expect, test } from 'vitest';
import { anon, asRole, createStaff, createUser, rowsAs, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target_table: string;
  target_id: string;
  details: Record<string, unknown>;
}

describeEachDatabase('staff', (ctx) => {
  let admin: User;
  beforeAll(async () => {
    admin = await createStaff(ctx.db, 'admin', 'admin');
  });
  const upsert = (who: User, email: string, name: string, role: string, active = true) =>
    asRole<{ upsert_staff: Record<string, unknown> }>(
      ctx.db,
      who.actor,
      'select public.upsert_staff($1, $2, $3, $4)',
      [email, name, role, active],
    );
  const whoami = async (who: User) =>
    (await rowsAs<{ whoami: unknown }>(ctx.db, who.actor, 'select public.whoami()'))[0].whoami;
  const lastAudit = async () =>
    (await rowsAs<AuditRow>(ctx.db, admin.actor, 'select * from public.list_audit_log(1)'))[0];
  const auditCount = async () =>
    (await ctx.db.query<{ n: number }>('select count(*)::int as n from app.audit_log')).rows[0].n;

  test('whoami: anon is told to sign in (PT401 staff:sign_in_required)', async () => {
    expect(await asRole(ctx.db, anon, 'select public.whoami()')).toEqual({
      ok: false,
      code: 'PT401',
      message: 'sign in required',
    });
  });

  test('whoami: a signed-in user who is not staff gets role null', async () => {
    const user = await createUser(ctx.db, 'visitor');
    expect(await whoami(user)).toEqual({ user_id: user.id, email: user.email, role: null });
  });

  test('whoami: active staff get their display name and role; deactivated staff get role null', async () => {
    const worker = await createStaff(ctx.db, 'worker', 'outreach');
    expect(await whoami(worker)).toEqual({
      user_id: worker.id,
      email: worker.email,
      display_name: 'worker',
      role: 'outreach',
    });
    expect(await whoami(admin)).toMatchObject({ role: 'admin' });
    const former = await createStaff(ctx.db, 'former', 'admin', false);
    expect(await whoami(former)).toEqual({ user_id: former.id, email: former.email, role: null });
  });

  test('upsert_staff: an admin makes a user staff, audited as staff.create by that admin', async () => {
    const user = await createUser(ctx.db, 'newcomer');
    const r = await upsert(admin, user.email, 'New Comer', 'outreach');
    expect(r.ok && r.rows[0].upsert_staff).toMatchObject({
      user_id: user.id,
      email: user.email,
      display_name: 'New Comer',
      role: 'outreach',
      active: true,
    });
    expect(await whoami(user)).toMatchObject({ role: 'outreach', display_name: 'New Comer' });
    const entry = await lastAudit();
    expect(entry).toMatchObject({
      actor: admin.id,
      action: 'staff.create',
      target_table: 'app.staff',
      target_id: user.id,
    });
    expect(entry.details).toEqual({
      email: user.email,
      before: null,
      after: { display_name: 'New Comer', role: 'outreach', active: true },
    });
    expect(Math.abs(Date.parse(entry.at) - Date.now())).toBeLessThan(60_000);
  });

  test('upsert_staff: changes name, role and active; audited as staff.update with before and after', async () => {
    const worker = await createStaff(ctx.db, 'changing', 'outreach');
    // Age the row first (triggers off, or the touch trigger would undo it): on a fast machine the update could
    // otherwise land in the same millisecond as the insert.
    await ctx.db.transaction(async (tx) => {
      await tx.query(`set local session_replication_role = replica`);
      await tx.query(`update app.staff set updated_at = now() - interval '1 hour' where user_id = $1`, [
        worker.id,
      ]);
    });
    const before = (
      await ctx.db.query<{ updated_at: string }>('select updated_at from app.staff where user_id = $1', [
        worker.id,
      ])
    ).rows[0];
    expect((await upsert(admin, worker.email.toUpperCase(), '  Renamed  ', 'admin', false)).ok).toBe(true);
    const row = (
      await ctx.db.query('select display_name, role, active, updated_at from app.staff where user_id = $1', [
        worker.id,
      ])
    ).rows[0];
    expect(row).toMatchObject({ display_name: 'Renamed', role: 'admin', active: false });
    expect(Date.parse(row.updated_at as string)).toBeGreaterThan(Date.parse(before!.updated_at) + 3_000_000);
    expect((await lastAudit()).details).toEqual({
      email: worker.email,
      before: { display_name: 'changing', role: 'outreach', active: true },
      after: { display_name: 'Renamed', role: 'admin', active: false },
    });
  });

  test('upsert_staff: refuses unknown emails (PT404), bad roles and names (PT400); nothing is audited', async () => {
    const user = await createUser(ctx.db, 'checked');
    const count = await auditCount();
    expect(await upsert(admin, 'nobody@example.test', 'X', 'outreach')).toEqual({
      ok: false,
      code: 'PT404',
      message: 'no user with that email',
    });
    expect(await upsert(admin, user.email, 'X', 'boss')).toEqual({
      ok: false,
      code: 'PT400',
      message: 'role must be outreach or admin',
    });
    const badName = { ok: false, code: 'PT400', message: 'display name must have 1 to 80 characters' };
    expect(await upsert(admin, user.email, '   ', 'outreach')).toEqual(badName);
    expect(await upsert(admin, user.email, 'x'.repeat(81), 'outreach')).toEqual(badName);
    expect(await upsert(admin, user.email, 'x'.repeat(80), 'outreach')).toMatchObject({ ok: true });
    expect(await auditCount()).toBe(count + 1);
  });

  test('upsert_staff, list_staff, list_audit_log: outreach and non-staff get PT403 and change nothing', async () => {
    const worker = await createStaff(ctx.db, 'outreach-only', 'outreach');
    const user = await createUser(ctx.db, 'plain');
    const count = await auditCount();
    for (const who of [worker, user]) {
      expect(await upsert(who, who.email, 'Me', 'admin')).toEqual({
        ok: false,
        code: 'PT403',
        message: 'admin role required',
      });
      for (const sql of ['select * from public.list_staff()', 'select * from public.list_audit_log()']) {
        expect(await asRole(ctx.db, who.actor, sql)).toEqual({
          ok: false,
          code: 'PT403',
          message: 'admin role required',
        });
      }
    }
    expect(await whoami(worker)).toMatchObject({ role: 'outreach' });
    expect(await auditCount()).toBe(count);
  });

  test('list_staff: every staff member with email, active first', async () => {
    const rows = await rowsAs<{ user_id: string; email: string; active: boolean; created_at: string }>(
      ctx.db,
      admin.actor,
      'select * from public.list_staff()',
    );
    const total = (await ctx.db.query<{ n: number }>('select count(*)::int as n from app.staff')).rows[0].n;
    expect(rows.length).toBe(total);
    expect(rows.find((r) => r.user_id === admin.id)).toMatchObject({
      email: admin.email,
      display_name: 'admin',
      role: 'admin',
      active: true,
    });
    const firstInactive = rows.findIndex((r) => !r.active);
    expect(firstInactive).toBeGreaterThan(0);
    expect(rows.slice(firstInactive).every((r) => !r.active)).toBe(true);
    expect(rows[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
  });

  test('list_audit_log: newest first, limit clamped to 1..1000', async () => {
    const rows = await rowsAs<AuditRow>(ctx.db, admin.actor, 'select * from public.list_audit_log(3)');
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => b - a));
    expect(rows.length).toBe(3);
    expect((await rowsAs(ctx.db, admin.actor, 'select * from public.list_audit_log(0)')).length).toBe(1);
    expect((await rowsAs(ctx.db, admin.actor, 'select * from public.list_audit_log(null)')).length).toBe(
      Math.min(100, await auditCount()),
    );
  });

  test('deleting an auth user removes their staff row', async () => {
    const gone = await createStaff(ctx.db, 'leaving', 'outreach');
    await ctx.db.query('delete from auth.users where id = $1', [gone.id]);
    expect((await ctx.db.query('select 1 from app.staff where user_id = $1', [gone.id])).rows).toEqual([]);
  });

  test('the last active admin can be neither demoted nor deactivated', async () => {
    await ctx.db.query(`update app.staff set active = false where role = 'admin' and user_id <> $1`, [
      admin.id,
    ]);
    const lastAdmin = {
      ok: false,
      code: 'PT409',
      message: 'cannot demote or deactivate the last active admin',
    };
    expect(await upsert(admin, admin.email, 'admin', 'outreach')).toEqual(lastAdmin);
    expect(await upsert(admin, admin.email, 'admin', 'admin', false)).toEqual(lastAdmin);
    expect(await upsert(admin, admin.email, 'Still admin', 'admin')).toMatchObject({ ok: true });

    const second = await createUser(ctx.db, 'second-admin');
    expect(await upsert(admin, second.email, 'Second', 'admin')).toMatchObject({ ok: true });
    expect(await upsert(admin, admin.email, 'admin', 'outreach')).toMatchObject({ ok: true });
    expect(await whoami(admin)).toMatchObject({ role: 'outreach' });
    expect(await upsert(second, second.email, 'Second', 'admin', false)).toEqual(lastAdmin);
    expect(await upsert(second, admin.email, 'admin', 'admin')).toMatchObject({ ok: true });
  });
});
