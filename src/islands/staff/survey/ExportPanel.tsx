/**
 * Export: every response for the current filters as CSV (UTF-8 BOM) or XLSX with a codebook sheet; phone numbers
 * only for admins who tick the box (the database refuses others). Each export is audited by the database.
 */
import { useState } from 'react';
import type { SurveyStrings } from '../../../lib/i18n/survey/index.ts';
import { SQL_ENUMS, YES_NO } from '../../../lib/schemas/survey.ts';
import { EXPORT_COLUMNS, surveyCell, toCsv } from '../../../lib/survey/export.ts';
import { download } from './download.ts';

interface Props {
  s: SurveyStrings;
  isAdmin: boolean;
  fetchRows: (withPhones: boolean) => Promise<Record<string, unknown>[] | string>;
}

/** Codebook rows: variable, code, label (in the page's language). */
export function codebook(s: SurveyStrings): [string, string, string][] {
  const fields: Record<string, readonly string[]> = {
    relation: SQL_ENUMS['app.survey_relation'],
    carer: SQL_ENUMS['app.survey_carer'],
    in_care: SQL_ENUMS['app.survey_in_care'],
    wants_care: YES_NO,
    reasons_for: SQL_ENUMS['app.survey_reason_for'],
    reasons_against: SQL_ENUMS['app.survey_reason_against'],
    provider: SQL_ENUMS['app.survey_provider'],
    care_form: SQL_ENUMS['app.survey_care_form'],
    fee: SQL_ENUMS['app.survey_fee'],
    distance: SQL_ENUMS['app.survey_distance'],
    dropoff: SQL_ENUMS['app.survey_dropoff'],
    pickup: SQL_ENUMS['app.survey_pickup'],
    priorities: SQL_ENUMS['app.survey_priority'],
  };
  return Object.entries(fields).flatMap(([f, values]) =>
    values.map(
      (v) => [f, v, s[`survey.option.${f}.${v}` as keyof SurveyStrings] ?? v] as [string, string, string],
    ),
  );
}

export function ExportPanel({ s, isAdmin, fetchRows }: Props) {
  const [phones, setPhones] = useState(false);
  const [message, setMessage] = useState('');
  async function run(kind: 'csv' | 'xlsx') {
    const rows = await fetchRows(phones);
    if (typeof rows === 'string') return setMessage(rows);
    const columns = EXPORT_COLUMNS.filter((c) => phones || c !== 'phone');
    if (kind === 'csv') download('survey-responses.csv', toCsv(columns, rows), 'text/csv;charset=utf-8');
    else {
      const [{ default: ExcelJS }, { addRows }] = await Promise.all([
        import('exceljs'),
        import('../../../lib/tables/xlsx.ts'),
      ]);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('responses');
      // Typed cells (numbers stay numbers), text neutralised: the one rule of src/lib/tables/.
      addRows(sheet, [[...columns], ...rows.map((r) => columns.map((c) => surveyCell(r[c])))]);
      const codes = book.addWorksheet('codebook');
      codes.addRow(['variable', 'code', 'label']);
      for (const row of codebook(s)) codes.addRow(row);
      download(
        'survey-responses.xlsx',
        await book.xlsx.writeBuffer(),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    }
    setMessage(s['staff.survey.exported'].replace('{rows}', String(rows.length)));
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
      </ul>
      <p role="status">{message}</p>
    </>
  );
}
