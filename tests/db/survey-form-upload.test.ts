/**
 * The staff console's publish call (public.publish_survey_form, /staff/survey/form/): an admin publishes a
 * definition read from the shipped short workbook (the same reader the page runs in the browser); the database
 * refills the township list from app.townships, names the admin as publisher, audits it, refuses the same version
 * twice and a definition whose shape is wrong (one case per rule of app_private.survey_definition_problem), and
 * refuses outreach staff. On PGlite and PostgreSQL 15.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { readXlsForm } from '../../src/lib/survey-form/read-xlsform.ts';
import type { FormDefinition } from '../../src/lib/survey-form/definition.ts';
import { DISTRICTS } from '../../src/districts/index.ts';
import { anon, asRole, createStaff, type User } from './act-as.ts';
import { describeEachDatabase } from './harness.ts';
import short from '../fixtures/survey-form/short.json' with { type: 'json' };

const SHORT_XLSX = 'src/districts/guichi/survey/childcare-demand-2027-01.xlsx';
const PUBLISH = 'select public.publish_survey_form($1::jsonb, $2) as r';
type Published = { version: string; older_accepted_until: string; accepting: string[] };

describeEachDatabase('survey form upload (staff console)', (ctx) => {
  let admin: User;
  let outreach: User;
  let def: FormDefinition;

  const publish = async (who: User, d: unknown, days = 30) => {
    const got = await asRole<{ r: Published | string }>(ctx.db, who.actor, PUBLISH, [
      JSON.stringify(d),
      days,
    ]);
    if (!got.ok) return got;
    const r = got.rows[0]!.r;
    return { ok: true as const, r: typeof r === 'string' ? (JSON.parse(r) as Published) : r };
  };

  test('an admin publishes the short workbook as read in the browser; townships from the district', async () => {
    admin = await createStaff(ctx.db, 'Upload Admin', 'admin');
    outreach = await createStaff(ctx.db, 'Upload Outreach', 'outreach');
    // The page reads the workbook with a made-up township list: the database must replace it.
    const read = await readXlsForm(await readFile(SHORT_XLSX), {
      external: { townships: [{ name: 'x1', label: { 'zh-CN': '假镇' } }] },
    });
    if ('errors' in read) throw new Error(JSON.stringify(read.errors));
    def = read.definition;
    const r = await publish(admin, def, 14);
    expect(r).toMatchObject({ ok: true, r: { version: '2027-01', accepting: ['2027-01'] } });
    const f = await asRole<{ f: { version: string; definition: typeof short } | string }>(
      ctx.db,
      anon,
      'select public.survey_form() as f',
    );
    if (!f.ok) throw new Error(f.message);
    const got = typeof f.rows[0]!.f === 'string' ? JSON.parse(f.rows[0]!.f) : f.rows[0]!.f;
    expect(got.version).toBe('2027-01');
    expect(got.definition.choices.townships.map((c: { name: string }) => c.name)).toEqual(
      DISTRICTS.guichi.townships.map((t) => t.code),
    );
    // With the district's townships, it is the fixture (made by the CLI reader from the same workbook).
    expect(got.definition).toEqual(short);
    const { rows } = await ctx.db.query<{ by: string }>(
      `select published_by as by from app.survey_forms where version = '2027-01'`,
    );
    expect(rows).toEqual([{ by: 'Upload Admin（员工后台上传）' }]);
    const audit = await ctx.db.query<{ action: string; actor: string; target_id: string; days: number }>(
      `select action, actor::text, target_id, (details ->> 'accept_days')::int as days from app.audit_log
       where action = 'survey_form.publish'`,
    );
    expect(audit.rows).toEqual([
      { action: 'survey_form.publish', actor: admin.id, target_id: '2027-01', days: 14 },
    ]);
  });

  test('the same version again, and a bad accept period, are refused with their codes', async () => {
    expect(await publish(admin, def)).toMatchObject({ ok: false, code: 'PT409' });
    expect(await publish(admin, { ...def, version: 'up-2' }, 400)).toMatchObject({
      ok: false,
      code: 'PT400',
    });
    const { rows } = await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from app.survey_forms where version = 'up-2'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  test('a definition of the wrong shape is refused, naming the problem', async () => {
    const q = { kind: 'question', type: 'text', name: 'q', number: 1, label: { 'zh-CN': '问' } };
    const base = { form_id: 'f', version: 'shape-1', title: { 'zh-CN': '题' }, choices: {}, body: [q] };
    const cases: [unknown, string][] = [
      ['"text"', 'the definition is not an object'],
      [{ ...base, body: [] }, 'body is not a list of nodes'],
      [{ ...base, choices: [] }, 'choices is not an object'],
      [{ ...base, form_id: 'Bad Id' }, 'form_id is missing or malformed'],
      [{ ...base, version: '' }, 'version is missing or malformed'],
      [{ ...base, title: { en: 'x' } }, 'title has no zh-CN text'],
      [{ ...base, body: [{ ...q, kind: 'widget' }] }, 'a node has no known kind or no valid name'],
      [{ ...base, body: [{ ...q, name: '1q' }] }, 'a node has no known kind or no valid name'],
      [{ ...base, body: [{ kind: 'group', name: 'g' }] }, 'a group or repeat has no children list'],
      [{ ...base, body: [{ ...q, label: {} }] }, 'a question, note or repeat has no zh-CN label'],
      [{ ...base, body: [{ ...q, type: 'geopoint' }] }, 'a question has an unknown type'],
      [
        { ...base, body: [{ ...q, type: 'select_one', list: 'yn' }] },
        'a select question names a list that is not in choices',
      ],
      [
        { ...base, body: [q, { kind: 'group', name: 'g', children: [{ ...q, number: 2 }] }] },
        'two questions have the same name',
      ],
    ];
    for (const [d, problem] of cases) {
      const r = await asRole(ctx.db, admin.actor, PUBLISH, [
        typeof d === 'string' ? d : JSON.stringify(d),
        30,
      ]);
      expect(r, problem).toEqual({
        ok: false,
        code: 'PT400',
        message: `not a questionnaire definition: ${problem}`,
      });
    }
    // The same base, fixed, publishes: each case above failed on its own rule only.
    expect(await publish(admin, base)).toMatchObject({ ok: true, r: { version: 'shape-1' } });
  });

  test('outreach staff and anonymous callers cannot publish', async () => {
    expect(await publish(outreach, { ...def, version: 'up-3' })).toMatchObject({
      ok: false,
      code: 'PT403',
      message: 'admin role required',
    });
    const r = await asRole(ctx.db, anon, PUBLISH, [JSON.stringify({ ...def, version: 'up-3' }), 30]);
    expect(r).toMatchObject({ ok: false, code: '42501' });
  });
});
