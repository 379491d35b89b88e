/**
 * Export (issue 16, items 4 and 7): every answer for the current filters, of every questionnaire version, as CSV
 * (UTF-8 BOM) or XLSX, laid out by src/lib/survey-form/export.ts — one column per question ever asked, blank where a
 * version did not ask it — and written by src/lib/tables/ (numbers as numbers, text neutralised). Submission times are
 * Beijing wall-clock time; the township's name stands beside its code. The codebook (every column's label and codes,
 * zh-CN) is the XLSX's second sheet and its own CSV download. Phone numbers only for admins who tick the box (the
 * database refuses others); each export is audited by the database.
 */
import { useState } from 'react';
import type { SurveyStrings } from '../../../lib/i18n/survey/index.ts';
import type { Answers, FormDefinition } from '../../../lib/survey-form/definition.ts';
import { codebook, exportColumns, exportRow } from '../../../lib/survey-form/export.ts';
import { type Cell, toCsv, wallClock } from '../../../lib/tables/csv.ts';
import { download } from './download.ts';

/** One row of public.export_survey_answers. */
export interface AnswerRow {
  reference: string;
  submitted_at: string;
  channel: string;
  source_code: string;
  form_version: string;
  form_date: string | null;
  answers: Answers;
  phone?: string | null;
}

interface Props {
  s: SurveyStrings;
  isAdmin: boolean;
  townshipName: (code: string) => string;
  /** The answers and every published definition (newest first), or the refusal's text. */
  fetchAnswers: (withPhones: boolean) => Promise<{ rows: AnswerRow[]; defs: FormDefinition[] } | string>;
}

const BEIJING = 480;
const CODEBOOK_HEADER = ['column', 'label', 'type', 'versions', 'codes'];

/** The header and rows of the export: the answer's own fields, then the questions (a township name column after
 * `township`), then the phone when asked for. */
export function exportTable(
  rows: AnswerRow[],
  defs: FormDefinition[],
  townshipName: (code: string) => string,
  withPhones: boolean,
) {
  // The form's phone question is never a column of its own: the number is kept apart from the answers and comes only
  // as the database's `phone`, for admins who ask.
  const columns = exportColumns(defs).filter((c) => c.key !== 'phone');
  const townshipAt = columns.findIndex((c) => c.key === 'township');
  const keys = columns.map((c) => c.key);
  if (townshipAt >= 0) keys.splice(townshipAt + 1, 0, 'township_name');
  const header = [
    'reference',
    'submitted_at',
    'channel',
    'source_code',
    'form_version',
    'form_date',
    ...keys,
  ];
  if (withPhones) header.push('phone');
  const body = rows.map((r) => {
    const cells: Cell[] = exportRow(columns, { form_version: r.form_version, answers: r.answers ?? {} });
    if (townshipAt >= 0) {
      const code = cells[townshipAt];
      cells.splice(townshipAt + 1, 0, typeof code === 'string' ? townshipName(code) : null);
    }
    return [
      r.reference,
      wallClock(r.submitted_at, BEIJING),
      r.channel,
      r.source_code,
      r.form_version,
      r.form_date ? new Date(`${r.form_date}T00:00:00Z`) : null,
      ...cells,
      ...(withPhones ? [r.phone ?? null] : []),
    ];
  });
  const book = codebook(columns, defs, 'zh-CN').map((c) => [c.column, c.label, c.type, c.versions, c.codes]);
  return { header, body, codebook: book };
}

export function ExportPanel({ s, isAdmin, townshipName, fetchAnswers }: Props) {
  const [phones, setPhones] = useState(false);
  const [message, setMessage] = useState('');
  async function run(kind: 'csv' | 'xlsx' | 'codebook') {
    const got = await fetchAnswers(phones);
    if (typeof got === 'string') return setMessage(got);
    const table = exportTable(got.rows, got.defs, townshipName, phones);
    if (kind === 'csv')
      download('survey-responses.csv', toCsv(table.header, table.body), 'text/csv;charset=utf-8');
    else if (kind === 'codebook')
      return download(
        'survey-codebook.csv',
        toCsv(CODEBOOK_HEADER, table.codebook),
        'text/csv;charset=utf-8',
      );
    else {
      const [{ default: ExcelJS }, { addRows }] = await Promise.all([
        import('exceljs'),
        import('../../../lib/tables/xlsx.ts'),
      ]);
      const book = new ExcelJS.Workbook();
      addRows(book.addWorksheet('responses'), [table.header, ...table.body]);
      addRows(book.addWorksheet('codebook'), [CODEBOOK_HEADER, ...table.codebook]);
      download(
        'survey-responses.xlsx',
        await book.xlsx.writeBuffer(),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    }
    setMessage(s['staff.survey.exported'].replace('{rows}', String(got.rows.length)));
  }
  return (
    <>
      <p>{s['staff.survey.exportIntro']}</p>
      {isAdmin && (
        <label className="check" htmlFor="export-phones">
          <input
            id="export-phones"
            type="checkbox"
            checked={phones}
            onChange={(e) => setPhones(e.target.checked)}
          />
          {s['staff.survey.exportPhones']}
        </label>
      )}
      <ul className="actions">
        <li>
          <button type="button" onClick={() => void run('csv')}>
            {s['staff.survey.exportCsv']}
          </button>
        </li>
        <li>
          <button type="button" className="secondary" onClick={() => void run('xlsx')}>
            {s['staff.survey.exportXlsx']}
          </button>
        </li>
        <li>
          <button type="button" className="secondary" onClick={() => void run('codebook')}>
            {s['staff.survey.exportCodebook']}
          </button>
        </li>
      </ul>
      <p role="status">{message}</p>
    </>
  );
}
