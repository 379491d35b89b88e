/**
 * Distribution points: list with response counts, add one, and print an A5 sheet with the QR code of
 * …/survey/?src=<code> and the short address (QR library loaded only when a sheet is made).
 */
import { useState, type FormEvent } from 'react';
import type { SurveyStrings } from '../../../lib/i18n/survey/index.ts';
import { DataTable } from './DataTable.tsx';

export interface Point {
  code: string;
  name: string;
  township: string;
  distributed_on: string;
  responses: number;
}

interface Props {
  s: SurveyStrings;
  points: Point[];
  townships: { code: string; name: string }[];
  surveyUrl: string;
  onCreate: (p: { code: string; name: string; township: string; date: string }) => Promise<string | null>;
}

export function Points({ s, points, townships, surveyUrl, onCreate }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [sheet, setSheet] = useState<{ point: Point; svg: string; url: string } | null>(null);
  const name = (code: string) => townships.find((t) => t.code === code)?.name ?? code;

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const err = await onCreate({
      code: String(f.get('code')),
      name: String(f.get('name')),
      township: String(f.get('township')),
      date: String(f.get('date')),
    });
    setError(err);
    if (!err) e.currentTarget?.reset();
  }
  async function print(point: Point) {
    const url = `${surveyUrl}?src=${encodeURIComponent(point.code)}`;
    const QRCode = (await import('qrcode')).default;
    setSheet({
      point,
      url,
      svg: await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
    });
    setTimeout(() => window.print(), 50);
  }

  return (
    <>
      <DataTable
        caption={s['staff.survey.tab.points']}
        columns={[
          { key: 'code', label: 'code' },
          { key: 'name', label: s['staff.survey.pointName'] },
          { key: 'township', label: s['results.township'] },
          { key: 'distributed_on', label: s['staff.survey.pointDate'] },
          { key: 'responses', label: s['staff.survey.responses'] },
        ]}
        rows={points.map((p) => ({ ...p, township: name(p.township) }))}
      />
      <ul className="actions">
        {points.map((p) => (
          <li key={p.code}>
            <button type="button" className="secondary" onClick={() => void print(p)}>
              {s['staff.survey.pointPrint']}: {p.name}
            </button>
          </li>
        ))}
      </ul>
      <form className="staff-form" onSubmit={(e) => void add(e)}>
        {error && (
          <p className="error-message" role="alert">
            {error}
          </p>
        )}
        <label htmlFor="point-code">{s['staff.survey.pointCode']}</label>
        <input
          id="point-code"
          name="code"
          type="text"
          required
          pattern="[a-z0-9][a-z0-9\-]{1,31}"
          autoComplete="off"
        />
        <label htmlFor="point-name">{s['staff.survey.pointName']}</label>
        <input id="point-name" name="name" type="text" required maxLength={80} />
        <label htmlFor="point-township">{s['results.township']}</label>
        <select id="point-township" name="township">
          {townships.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor="point-date">{s['staff.survey.pointDate']}</label>
        <input id="point-date" name="date" type="date" required />
        <button type="submit">{s['staff.survey.pointAdd']}</button>
      </form>
      {sheet && (
        <div className="qr-sheet" data-qr-sheet>
          <h2>{s['survey.title']}</h2>
          <p>{s['staff.survey.qrCaption']}</p>
          <div
            className="qr"
            role="img"
            aria-label={sheet.url}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG drawn by the qrcode package from a URL this page built
            dangerouslySetInnerHTML={{ __html: sheet.svg }}
          />
          <p className="qr-url">{sheet.url}</p>
          <p>
            {sheet.point.name} · {sheet.point.distributed_on}
          </p>
        </div>
      )}
    </>
  );
}
