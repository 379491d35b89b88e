/**
 * Reads an XLSForm (.xlsx: `survey`, `choices`, `settings` sheets, the KoboToolbox/ODK convention) into a form
 * definition (definition.ts), or lists every problem in Chinese (and English) naming sheet, row and column.
 * Node and the browser (exceljs; `bytes` an ArrayBuffer or a Buffer): `npm run survey:publish` and the staff upload
 * page (/staff/survey/form/, which imports this module lazily) read a workbook the same way. The subset it accepts:
 * README.md in this folder.
 */
import ExcelJS from 'exceljs';
import {
  type Choice,
  type Expr,
  type FormDefinition,
  type FormNode,
  type Lang,
  type LocalText,
  OTHER_CHOICE,
  OTHER_SUFFIX,
  type QuestionNode,
  type QuestionType,
} from './definition.ts';
import { ExprError, parseExpr, refsOf } from './expr.ts';

export interface XlsFormError {
  sheet: string;
  /** spreadsheet row (1 = the header), 0 when the problem is the whole sheet */
  row: number;
  /** column letter, '' when the problem is a whole row or sheet */
  column: string;
  message_zh: string;
  message_en: string;
}
/** One problem as a line a clerk can act on: 工作表“survey”第 5 行 H 列：… */
export function formatXlsFormError(e: XlsFormError): string {
  const where = [
    e.sheet ? `工作表“${e.sheet}”` : '',
    e.row ? `第 ${e.row} 行` : '',
    e.column ? ` ${e.column} 列` : '',
  ].join('');
  return `${where ? `${where}：` : ''}${e.message_zh}`;
}

export type ReadResult = { definition: FormDefinition } | { errors: XlsFormError[] };

export interface ReadOptions {
  /** choice lists not on the choices sheet, filled by the publisher (e.g. `townships` from app.townships) */
  external?: Record<string, Choice[]>;
}

const LANGS: Lang[] = ['zh-CN', 'en'];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OTHER_LABEL: LocalText = { 'zh-CN': '其他（请注明）', en: 'Other (please specify)' };
const OTHER_TEXT_LABEL: LocalText = { 'zh-CN': '请注明', en: 'Please specify' };

function letter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Sheet {
  name: string;
  /** lower-case header → column index */
  header: Map<string, number>;
  /** data rows: spreadsheet row number and cell texts */
  rows: { n: number; cells: string[] }[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v);
}

function readSheet(ws: ExcelJS.Worksheet): Sheet {
  const header = new Map<string, number>();
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells[i - 1] = cellText(values[i]).trim();
    if (n === 1) {
      cells.forEach((c, i) => {
        if (c) header.set(c.toLowerCase(), i);
      });
    } else if (cells.some((c) => c)) rows.push({ n, cells });
  });
  return { name: ws.name, header, rows };
}

/** Reads the workbook bytes. */
export async function readXlsForm(
  bytes: ArrayBuffer | Buffer,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as ArrayBuffer);
  } catch {
    return {
      errors: [
        {
          sheet: '',
          row: 0,
          column: '',
          message_zh: '文件不是可读取的 Excel（.xlsx）工作簿',
          message_en: 'the file is not a readable .xlsx workbook',
        },
      ],
    };
  }
  const sheets = new Map<string, Sheet>();
  wb.eachSheet((ws) => {
    sheets.set(ws.name.trim().toLowerCase(), readSheet(ws));
  });
  return fromSheets(sheets, options);
}

function fromSheets(sheets: Map<string, Sheet>, options: ReadOptions): ReadResult {
  const errors: XlsFormError[] = [];
  const err = (sheet: string, row: number, column: string, zh: string, en: string) =>
    errors.push({ sheet, row, column, message_zh: zh, message_en: en });
  for (const name of ['survey', 'choices', 'settings']) {
    if (!sheets.has(name)) err(name, 0, '', `缺少工作表“${name}”`, `the workbook has no "${name}" sheet`);
  }
  if (errors.length) return { errors };
  const survey = sheets.get('survey')!;
  const choicesSheet = sheets.get('choices')!;
  const settings = sheets.get('settings')!;

  const col = (s: Sheet, name: string) => s.header.get(name.toLowerCase());
  const requireCols = (s: Sheet, names: string[]) => {
    for (const c of names) {
      if (col(s, c) === undefined) err(s.name, 1, '', `第 1 行缺少“${c}”列`, `row 1 has no "${c}" column`);
    }
  };
  requireCols(survey, ['type', 'name', 'label::zh-CN']);
  requireCols(choicesSheet, ['list_name', 'name', 'label::zh-CN']);
  requireCols(settings, ['form_id', 'version']);
  if (errors.length) return { errors };

  const get = (s: Sheet, cells: string[], name: string) => {
    const i = col(s, name);
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const colLetter = (s: Sheet, name: string) => {
    const i = col(s, name);
    return i === undefined ? '' : letter(i);
  };
  const text = (s: Sheet, cells: string[], base: string): LocalText | undefined => {
    const zh = get(s, cells, `${base}::zh-CN`) || get(s, cells, base);
    const en = get(s, cells, `${base}::en`);
    if (!zh) return undefined;
    return en ? { 'zh-CN': zh, en } : { 'zh-CN': zh };
  };
  const languages: Lang[] = LANGS.filter((l) => col(survey, `label::${l}`) !== undefined);

  // Settings: the first data row.
  const set = settings.rows[0];
  const form_id = set ? get(settings, set.cells, 'form_id') : '';
  const version = set ? get(settings, set.cells, 'version') : '';
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(form_id)) {
    err(
      'settings',
      set?.n ?? 2,
      colLetter(settings, 'form_id'),
      'form_id 应为 1–40 个小写字母、数字、下划线或短横线',
      'form_id must be 1–40 lower-case letters, digits, _ or -',
    );
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(version)) {
    err(
      'settings',
      set?.n ?? 2,
      colLetter(settings, 'version'),
      'version 应为 1–40 个字母、数字、点、下划线或短横线（例如 2026-12）',
      'version must be 1–40 letters, digits, . _ or - (e.g. 2026-12)',
    );
  }
  const title = (set && text(settings, set.cells, 'title')) || { 'zh-CN': form_id };

  // Choices.
  const choices: Record<string, Choice[]> = {};
  const extraCols = [...choicesSheet.header.entries()].filter(
    ([h]) => h !== 'list_name' && h !== 'name' && !h.startsWith('label'),
  );
  for (const { n, cells } of choicesSheet.rows) {
    const list = get(choicesSheet, cells, 'list_name');
    const name = get(choicesSheet, cells, 'name');
    const label = text(choicesSheet, cells, 'label');
    if (!NAME.test(list)) {
      err(
        'choices',
        n,
        colLetter(choicesSheet, 'list_name'),
        `列表名“${list}”应以字母开头，只含字母、数字、下划线`,
        `list name "${list}" must be a letter then letters, digits or _`,
      );
      continue;
    }
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) {
      err(
        'choices',
        n,
        colLetter(choicesSheet, 'name'),
        `选项代码“${name}”只能含字母、数字、下划线、点和短横线`,
        `choice name "${name}" may hold letters, digits, _ . - only`,
      );
      continue;
    }
    if (!label) {
      err(
        'choices',
        n,
        colLetter(choicesSheet, 'label::zh-CN'),
        '缺少中文选项文字（label::zh-CN）',
        'the Chinese label (label::zh-CN) is missing',
      );
      continue;
    }
    choices[list] ??= [];
    const entries = choices[list];
    if (entries.some((c) => c.name === name)) {
      err(
        'choices',
        n,
        colLetter(choicesSheet, 'name'),
        `列表“${list}”里选项代码“${name}”重复`,
        `choice "${name}" appears twice in list "${list}"`,
      );
      continue;
    }
    const choice: Choice = { name, label };
    for (const [h, i] of extraCols) if (cells[i]) choice[h] = cells[i];
    entries.push(choice);
  }
  for (const [list, entries] of Object.entries(options.external ?? {})) {
    if (choices[list]) {
      err(
        'choices',
        0,
        '',
        `列表“${list}”由系统在发布时填写，请从 choices 工作表删除`,
        `list "${list}" is filled at publish time: remove it from the choices sheet`,
      );
    } else choices[list] = entries;
  }

  // Survey: a stack of open groups/repeats.
  type Open = { node: FormNode & { children: FormNode[] }; row: number; repeat: boolean };
  const body: FormNode[] = [];
  const stack: Open[] = [];
  const names = new Map<string, number>();
  /** expressions to check once every name is known: row, column, tree, the repeat the row is in */
  const exprs: { row: number; column: string; expr: Expr; repeat?: string }[] = [];
  /** question name → the repeat it is in */
  const inRepeat = new Map<string, string | undefined>();
  let number = 0;
  const here = () => (stack.length ? stack[stack.length - 1].node.children : body);
  const currentRepeat = () => [...stack].reverse().find((o) => o.repeat)?.node.name;

  const expr = (row: number, cells: string[], column: string, columns = false): Expr | undefined => {
    const src = get(survey, cells, column);
    if (!src) return undefined;
    try {
      const e = parseExpr(src, { columns });
      exprs.push({ row, column: colLetter(survey, column), expr: e, repeat: currentRepeat() });
      return e;
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      err(
        'survey',
        row,
        colLetter(survey, column),
        `${column}：${e.message_zh}`,
        `${column}: ${e.message_en}`,
      );
      return undefined;
    }
  };
  const flag = (row: number, cells: string[], column: string): boolean | Expr | undefined => {
    const v = get(survey, cells, column);
    if (!v || /^(no|false|false\(\))$/i.test(v)) return undefined;
    if (/^(yes|true|true\(\))$/i.test(v)) return true;
    return expr(row, cells, column);
  };

  for (const { n, cells } of survey.rows) {
    const rawType = get(survey, cells, 'type').replace(/\s+/g, ' ');
    const name = get(survey, cells, 'name');
    const typeCol = colLetter(survey, 'type');
    const nameCol = colLetter(survey, 'name');
    const [t0, ...rest] = rawType.split(' ');
    const t = t0.toLowerCase().replace(/^(begin|end) (group|repeat)$/, '$1_$2');
    const kindWord = rest.length && /^(group|repeat)$/i.test(rest[0]) ? `${t}_${rest[0].toLowerCase()}` : t;

    if (kindWord === 'end_group' || kindWord === 'end_repeat') {
      const open = stack.pop();
      if (!open || open.repeat !== (kindWord === 'end_repeat')) {
        err(
          'survey',
          n,
          typeCol,
          `${kindWord} 没有对应的 begin_${kindWord.slice(4)}`,
          `${kindWord} has no matching begin`,
        );
        if (open) stack.push(open);
      }
      continue;
    }
    if (!NAME.test(name)) {
      err(
        'survey',
        n,
        nameCol,
        `题目名称“${name}”应以字母开头，只含字母、数字、下划线`,
        `name "${name}" must be a letter then letters, digits or _`,
      );
      continue;
    }
    if (names.has(name)) {
      err(
        'survey',
        n,
        nameCol,
        `名称“${name}”与第 ${names.get(name)} 行重复`,
        `name "${name}" is used on row ${names.get(name)} already`,
      );
      continue;
    }
    names.set(name, n);
    const label = text(survey, cells, 'label');
    const relevant = expr(n, cells, 'relevant');

    if (kindWord === 'begin_group' || kindWord === 'begin_repeat') {
      const repeat = kindWord === 'begin_repeat';
      if (repeat && currentRepeat()) {
        err('survey', n, typeCol, '不支持重复组里再套重复组', 'a repeat inside a repeat is not supported');
      }
      const node = repeat
        ? ({ kind: 'repeat', name, label: label ?? { 'zh-CN': name }, children: [] } as FormNode & {
            children: FormNode[];
          })
        : ({ kind: 'group', name, children: [] } as FormNode & { children: FormNode[] });
      if (label && !repeat) node.label = label;
      if (repeat && !label)
        err(
          'survey',
          n,
          colLetter(survey, 'label::zh-CN'),
          '重复组需要中文标题',
          'a repeat needs a Chinese label',
        );
      if (relevant) node.relevant = relevant;
      if (repeat) {
        const max = get(survey, cells, 'max');
        if (max) {
          if (!/^[1-9][0-9]?$/.test(max))
            err(
              'survey',
              n,
              colLetter(survey, 'max'),
              'max 应为 1–99 的整数',
              'max must be a whole number 1–99',
            );
          else (node as { max?: number }).max = Number(max);
        }
      }
      here().push(node);
      stack.push({ node, row: n, repeat });
      continue;
    }
    if (!label) {
      err(
        'survey',
        n,
        colLetter(survey, 'label::zh-CN'),
        '缺少中文题目（label::zh-CN）',
        'the Chinese label (label::zh-CN) is missing',
      );
      continue;
    }
    if (t === 'note') {
      here().push(relevant ? { kind: 'note', name, label, relevant } : { kind: 'note', name, label });
      continue;
    }
    const appearance = get(survey, cells, 'appearance');
    let type: QuestionType;
    let list: string | undefined;
    let orOther = false;
    if (t === 'select_one' || t === 'select_multiple') {
      type = t;
      list = rest[0];
      orOther = rest[1]?.toLowerCase() === 'or_other';
      if (!list || !choices[list] || rest.length > (orOther ? 2 : 1)) {
        err(
          'survey',
          n,
          typeCol,
          `选择题的选项列表“${list ?? ''}”在 choices 工作表里找不到`,
          `list "${list ?? ''}" is not on the choices sheet`,
        );
        continue;
      }
    } else if (t === 'integer' || t === 'text' || t === 'date' || t === 'month') {
      type = t === 'date' && /month-year/.test(appearance) ? 'month' : t;
      if (rest.length) {
        err('survey', n, typeCol, `题型“${rawType}”多了内容`, `type "${rawType}" has extra words`);
        continue;
      }
    } else {
      err(
        'survey',
        n,
        typeCol,
        `不支持的题型“${rawType}”（支持 select_one、select_multiple、integer、date、text、note、begin_group、begin_repeat）`,
        `type "${rawType}" is not supported`,
      );
      continue;
    }
    number++;
    const q: QuestionNode = { kind: 'question', type, name, number, label };
    const hint = text(survey, cells, 'hint');
    if (hint) q.hint = hint;
    if (list) q.list = list;
    const required = flag(n, cells, 'required');
    if (required !== undefined) q.required = required;
    if (relevant) q.relevant = relevant;
    const constraint = expr(n, cells, 'constraint');
    if (constraint) q.constraint = constraint;
    const message = text(survey, cells, 'constraint_message');
    if (message) q.constraint_message = message;
    const filter = expr(n, cells, 'choice_filter', true);
    if (filter) q.choice_filter = filter;
    if (appearance) q.appearance = appearance;
    here().push(q);
    inRepeat.set(name, currentRepeat());
    if (orOther && list) {
      if (!choices[list].some((c) => c.name === OTHER_CHOICE))
        choices[list].push({ name: OTHER_CHOICE, label: OTHER_LABEL });
      const otherName = name + OTHER_SUFFIX;
      if (names.has(otherName)) {
        err(
          'survey',
          n,
          typeCol,
          `or_other 要用名称“${otherName}”，但它已被第 ${names.get(otherName)} 行使用`,
          `or_other needs the name "${otherName}", used on row ${names.get(otherName)}`,
        );
        continue;
      }
      names.set(otherName, n);
      // asked when `other` is chosen, and only where the select question itself is asked
      const chosen: Expr = {
        op: 'fn',
        name: 'selected',
        args: [
          { op: 'ref', name },
          { op: 'lit', value: OTHER_CHOICE },
        ],
      };
      here().push({
        kind: 'question',
        type: 'text',
        name: otherName,
        number,
        label: OTHER_TEXT_LABEL,
        required: true,
        relevant: relevant ? { op: 'and', args: [relevant, chosen] } : chosen,
        other_of: name,
      });
      inRepeat.set(otherName, currentRepeat());
    }
  }
  for (const open of stack) {
    err(
      'survey',
      open.row,
      colLetter(survey, 'type'),
      `begin_${open.repeat ? 'repeat' : 'group'} 没有对应的结束行`,
      'a begin row has no matching end row',
    );
  }
  for (const { row, column, expr: e, repeat } of exprs) {
    for (const ref of refsOf(e)) {
      if (!inRepeat.has(ref)) {
        err(
          'survey',
          row,
          column,
          `\${${ref}} 不是本问卷的题目`,
          `\${${ref}} is not a question of this form`,
        );
      } else if (inRepeat.get(ref) && inRepeat.get(ref) !== repeat) {
        err(
          'survey',
          row,
          column,
          `\${${ref}} 在重复组“${inRepeat.get(ref)}”里，只能在同一重复组里引用`,
          `\${${ref}} is inside repeat "${inRepeat.get(ref)}" and can be used only there`,
        );
      }
    }
  }
  if (!number && !errors.length) err('survey', 0, '', '问卷里没有题目', 'the form has no questions');
  if (errors.length) return { errors };
  return {
    definition: {
      form_id,
      version,
      title,
      languages: languages.length ? languages : ['zh-CN'],
      choices,
      body,
    },
  };
}
