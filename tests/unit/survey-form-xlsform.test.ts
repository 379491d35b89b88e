/**
 * The XLSForm reader: the shipped workbooks read back to the committed definitions, and every kind of mistake is
 * named in Chinese with its sheet, row and column (columns as laid out by scripts/survey-forms/xlsform.ts:
 * A type, B name, C label::zh-CN, … H relevant, I constraint; choices: A list_name, B name).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { xlsxOf } from '../../scripts/make-survey-forms.ts';
import { guichiForm } from '../../scripts/survey-forms/guichi.ts';
import { end, list, row, type XlsFormSource } from '../../scripts/survey-forms/xlsform.ts';
import { DISTRICTS } from '../../src/districts/index.ts';
import { readXlsForm, type XlsFormError } from '../../src/lib/survey-form/read-xlsform.node.ts';
import guichi from '../fixtures/survey-form/guichi.json' with { type: 'json' };
import short from '../fixtures/survey-form/short.json' with { type: 'json' };

const townships = DISTRICTS.guichi.townships.map((t) => ({
  name: t.code,
  label: { 'zh-CN': t.name, en: t.name_en },
}));

test('the shipped workbooks read back to the committed definitions', async () => {
  for (const [file, def] of [
    ['childcare-demand-2026-12.xlsx', guichi],
    ['childcare-demand-2027-01.xlsx', short],
  ] as const) {
    const read = await readXlsForm(await readFile(`src/districts/guichi/survey/${file}`), {
      external: { townships },
    });
    expect(read).toEqual({ definition: def });
  }
});

const base: XlsFormSource = {
  settings: { form_id: 'f', version: '1', 'title::zh-CN': '测试' },
  survey: [
    row('select_one yn', 'a', '问题甲', 'A'),
    row('integer', 'b', '问题乙', 'B', { relevant: "${a} = 'yes'", constraint: '. >= 0' }),
  ],
  choices: list('yn', [
    ['yes', '是', 'Yes'],
    ['no', '否', 'No'],
  ]),
};
async function errorsOf(form: XlsFormSource): Promise<XlsFormError[]> {
  const read = await readXlsForm(await xlsxOf(form));
  if (!('errors' in read)) throw new Error('expected errors');
  return read.errors;
}
const where = (e: XlsFormError[]) => e.map((x) => `${x.sheet}!${x.column}${x.row} ${x.message_zh}`);

describe('a small form', () => {
  test('reads: numbers, required, relevant and constraint trees, group, repeat with max, or_other', async () => {
    const read = await readXlsForm(
      await xlsxOf({
        ...base,
        survey: [
          ...base.survey,
          row('begin_group', 'g', '组', 'G'),
          row('select_multiple yn or_other', 'c', '丙', 'C', { required: 'yes' }),
          end('group'),
          row('begin_repeat', 'r', '重复', 'R', { max: '3' }),
          row('date', 'm', '月份', 'M', { appearance: 'month-year', required: '${b} > 1' }),
          end('repeat'),
        ],
      }),
    );
    if (!('definition' in read)) throw new Error(JSON.stringify(read.errors));
    const d = read.definition;
    expect(d.form_id).toBe('f');
    expect(d.languages).toEqual(['zh-CN', 'en']);
    expect(d.choices.yn.map((c) => c.name)).toEqual(['yes', 'no', 'other']);
    expect(d.body.map((n) => n.name)).toEqual(['a', 'b', 'g', 'r']);
    expect(d.body[1]).toMatchObject({
      number: 2,
      relevant: {
        op: '=',
        args: [
          { op: 'ref', name: 'a' },
          { op: 'lit', value: 'yes' },
        ],
      },
      constraint: { op: '>=', args: [{ op: 'self' }, { op: 'lit', value: 0 }] },
    });
    expect(d.body[2]).toMatchObject({
      kind: 'group',
      children: [
        { name: 'c', number: 3, required: true },
        { name: 'c_other', number: 3, type: 'text', other_of: 'c', required: true },
      ],
    });
    expect(d.body[3]).toMatchObject({
      kind: 'repeat',
      max: 3,
      children: [{ name: 'm', type: 'month', number: 4, required: { op: '>' } }],
    });
  });

  test.each<[string, XlsFormSource, string[]]>([
    [
      'unknown type',
      { ...base, survey: [...base.survey, row('geopoint', 'p', '位置', 'P')] },
      [
        'survey!A4 不支持的题型“geopoint”（支持 select_one、select_multiple、integer、date、text、note、begin_group、begin_repeat）',
      ],
    ],
    [
      'bad expression',
      { ...base, survey: [row('integer', 'b', '乙', 'B', { relevant: "${a} = 'yes" })] },
      ['survey!H2 relevant：第 8 个字符：引号没有配对'],
    ],
    [
      'unknown reference',
      { ...base, survey: [row('integer', 'b', '乙', 'B', { constraint: '${zz} > 1' })] },
      ['survey!I2 ${zz} 不是本问卷的题目'],
    ],
    [
      'duplicate name',
      { ...base, survey: [...base.survey, row('text', 'a', '丁', 'D')] },
      ['survey!B4 名称“a”与第 2 行重复'],
    ],
    [
      'missing list',
      { ...base, survey: [row('select_one nope', 'a', '甲', 'A')] },
      ['survey!A2 选择题的选项列表“nope”在 choices 工作表里找不到'],
    ],
    [
      'missing label',
      { ...base, survey: [row('text', 'a', '', 'A')] },
      ['survey!C2 缺少中文题目（label::zh-CN）'],
    ],
    [
      'unbalanced group',
      { ...base, survey: [row('begin_group', 'g', '组', 'G'), ...base.survey] },
      ['survey!A2 begin_group 没有对应的结束行'],
    ],
    [
      'stray end',
      { ...base, survey: [...base.survey, end('repeat')] },
      ['survey!A4 end_repeat 没有对应的 begin_repeat'],
    ],
    [
      'duplicate choice',
      { ...base, choices: [...base.choices, ...list('yn', [['no', '否', 'No']])] },
      ['choices!B4 列表“yn”里选项代码“no”重复'],
    ],
    [
      'bad version',
      { ...base, settings: { form_id: 'f', version: '第一版' } },
      ['settings!B2 version 应为 1–40 个字母、数字、点、下划线或短横线（例如 2026-12）'],
    ],
    [
      'a repeat question used outside its repeat',
      {
        ...base,
        survey: [
          row('begin_repeat', 'r', '重复', 'R'),
          row('integer', 'x', '甲', 'X'),
          end('repeat'),
          row('integer', 'y', '乙', 'Y', { relevant: '${x} > 1' }),
        ],
      },
      ['survey!H5 ${x} 在重复组“r”里，只能在同一重复组里引用'],
    ],
  ])('%s', async (_, form, expected) => {
    expect(where(await errorsOf(form))).toEqual(expected);
  });

  test('a form without questions', async () => {
    expect(where(await errorsOf({ ...base, survey: [row('note', 'n', '说明', 'Note')] }))).toEqual([
      'survey!0 问卷里没有题目',
    ]);
  });
  test('a missing sheet or column, and a file that is not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('survey').addRow(['type', 'name']);
    wb.addWorksheet('choices').addRow(['list_name', 'name', 'label::zh-CN']);
    const read = await readXlsForm(Buffer.from(await wb.xlsx.writeBuffer()));
    expect('errors' in read && where(read.errors)).toEqual(['settings!0 缺少工作表“settings”']);
    wb.addWorksheet('settings').addRow(['form_id', 'version']);
    const again = await readXlsForm(Buffer.from(await wb.xlsx.writeBuffer()));
    expect('errors' in again && where(again.errors)).toEqual(['survey!1 第 1 行缺少“label::zh-CN”列']);
    const junk = await readXlsForm(Buffer.from('not a workbook'));
    expect('errors' in junk && junk.errors[0].message_zh).toBe('文件不是可读取的 Excel（.xlsx）工作簿');
  });
  test('the township list comes from the publisher, not the choices sheet', async () => {
    const form = { ...base, survey: [row('select_one townships', 't', '街道', 'T')] };
    expect(where(await errorsOf(form))).toEqual([
      'survey!A2 选择题的选项列表“townships”在 choices 工作表里找不到',
    ]);
    const read = await readXlsForm(await xlsxOf(form), { external: { townships } });
    expect('definition' in read && read.definition.choices.townships.length).toBe(townships.length);
    const twice = await readXlsForm(
      await xlsxOf({ ...form, choices: [...base.choices, ...list('townships', [['1', '甲', 'A']])] }),
      {
        external: { townships },
      },
    );
    expect('errors' in twice && twice.errors[0].message_zh).toContain('由系统在发布时填写');
  });
  test('the Guichi source has every fix of issue 16 item 6', () => {
    const names = guichiForm.choices.map((c) => `${c.list_name}.${c.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'wants_care.undecided',
        'care_form.temporary',
        'provider.employer_site',
        'household.expecting',
        'household.older_only',
      ]),
    );
    expect(names).not.toContain('care_form.occasional');
    expect(guichiForm.choices.filter((c) => c.list_name === 'fee').map((c) => c['label::zh-CN'])).toEqual([
      '1000 元以下',
      '1000–1999 元',
      '2000–2999 元',
      '3000 元及以上',
    ]);
    expect(guichiForm.survey.filter((r) => r.type?.endsWith('or_other')).map((r) => r.name)).toEqual([
      'reasons_for',
      'reasons_against',
    ]);
  });
});

test('the committed definitions pass the publish-time schema; a broken tree does not', async () => {
  const { FormDefinitionSchema } = await import('../../src/lib/survey-form/definition-schema.ts');
  expect(FormDefinitionSchema.safeParse(guichi).success).toBe(true);
  expect(FormDefinitionSchema.safeParse(short).success).toBe(true);
  const broken = structuredClone(guichi) as { body: { relevant?: unknown }[] };
  broken.body[2].relevant = { op: 'fn', name: 'selected', args: [] };
  expect(FormDefinitionSchema.safeParse(broken).success).toBe(false);
});
