/**
 * One event's roster: confirmed, waitlist in order, cancelled; masked phones with an audited per-row reveal;
 * check-in by typed code or by camera (BarcodeDetector where the browser has it); capacity; printable sign-in
 * sheet; CSV and Excel export (audited, formula injection neutralised).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LectureStaffStrings } from '../../../lib/i18n/lectures-staff/index.ts';
import type { LectureStrings } from '../../../lib/i18n/lectures/index.ts';
import { fill } from '../../../lib/i18n/fill.ts';
import type { ExportTable } from '../../../lib/lectures/export.ts';
import { formatShanghai } from '../../../lib/lectures/format.ts';
import { normalizeCode } from '../../../lib/lectures/model.ts';
import { pageLocale, refusalText } from '../../../lib/refusals/index.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import type { RosterRow, StaffEvent } from './types.ts';

declare global {
  interface Window {
    BarcodeDetector?: new (o: {
      formats: string[];
    }) => { detect(src: CanvasImageSource): Promise<{ rawValue: string }[]> };
  }
}

/** Rows per roster page (the server allows up to 500 per call). */
const PAGE = 100;

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function Roster({
  t,
  ps,
  event,
  onChanged,
}: {
  t: LectureStaffStrings;
  ps: LectureStrings;
  event: StaffEvent;
  onChanged: (note: string) => void;
}) {
  const [rows, setRows] = useState<RosterRow[] | null>(null);
  const [offset, setOffset] = useState(0);
  const [total, setTotal] = useState(0);
  const [waitlistLimit, setWaitlistLimit] = useState('');
  const [reason, setReason] = useState('');
  const refusal = (error: { code?: string | null; details?: string | null }) =>
    refusalText(error, pageLocale());
  const [revealed, setRevealed] = useState<Record<number, string>>({});
  const [code, setCode] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [capacity, setCapacity] = useState(String(event.capacity));
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const sb = getSupabase();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the client and strings are fixed for the page's life
  const load = useCallback(async () => {
    const { data, error } = await sb.rpc('lecture_roster', {
      p_event_id: event.id,
      p_limit: PAGE,
      p_offset: offset,
    });
    if (error) return setNote(refusal(error));
    const page = data as { total: number; waitlist_limit: number; rows: RosterRow[] };
    setRows(page.rows);
    setTotal(page.total);
    setWaitlistLimit((v) => v || String(page.waitlist_limit));
  }, [event.id, offset]);
  useEffect(() => void load(), [load]);

  async function checkIn(raw: string) {
    const { data, error } = await sb.rpc('check_in_lecture', {
      p_event_id: event.id,
      p_code: normalizeCode(raw),
    });
    if (error) return setNote(refusalText(error, pageLocale()));
    const r = data as { name: string; code: string; already: boolean };
    setNote(
      fill(r.already ? t['lecs.alreadyIn'] : t['lecs.checkedIn'], { name: r.name ?? '', code: r.code }),
    );
    setCode('');
    await load();
    onChanged('');
  }

  async function reveal(id: number) {
    const { data, error } = await sb.rpc('reveal_lecture_mobile', { p_registration_id: id });
    if (error) return setNote(refusal(error));
    setRevealed((m) => ({ ...m, [id]: String(data) }));
  }

  async function changeCapacity() {
    const { data, error } = await sb.rpc('set_lecture_capacity', {
      p_id: event.id,
      p_capacity: Number(capacity),
    });
    if (error) return setNote(refusalText(error, pageLocale()));
    const promoted = (data as { promoted: number }).promoted;
    setNote(`${t['lecs.saved']} ${promoted ? fill(t['lecs.promoted'], { n: promoted }) : ''}`);
    await load();
    onChanged('');
  }

  async function changeWaitlistLimit() {
    const { error } = await sb.rpc('set_lecture_waitlist_limit', {
      p_id: event.id,
      p_limit: Number(waitlistLimit),
    });
    setNote(error ? refusal(error) : t['lecs.saved']);
  }

  /** Masked numbers for everyone; `full`: an admin's export with a reason (the server checks both and audits). */
  async function exportRows(kind: 'csv' | 'xlsx', full = false) {
    const { data, error } = await sb.rpc('export_lecture_roster', {
      p_event_id: event.id,
      p_full: full,
      p_reason: full ? reason : null,
    });
    if (error) return setNote(refusal(error));
    // The file writer (and exceljs) load with the first export: the roster screen itself never needs them.
    const { exportFile } = await import('./export-file.ts');
    const name = `roster-${event.starts_at.slice(0, 10)}-${event.id.slice(0, 8)}${full ? '-full' : ''}`;
    download(`${name}.${kind}`, await exportFile(kind, data as ExportTable, t, ps));
  }

  async function startScan() {
    if (!window.BarcodeDetector || !navigator.mediaDevices?.getUserMedia)
      return setNote(t['lecs.scanUnsupported']);
    const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    const stream = await navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .catch(() => null);
    if (!stream || !video.current) return setNote(t['lecs.scanUnsupported']);
    setScanning(true);
    video.current.srcObject = stream;
    await video.current.play();
    const stop = () => {
      for (const tr of stream.getTracks()) tr.stop();
      setScanning(false);
    };
    const tick = async () => {
      if (!video.current?.srcObject) return;
      const found = await detector.detect(video.current).catch(() => []);
      if (found[0]) {
        stop();
        video.current.srcObject = null;
        await checkIn(found[0].rawValue);
        return;
      }
      requestAnimationFrame(tick);
    };
    video.current.onpause = stop;
    requestAnimationFrame(tick);
  }

  const status = (r: RosterRow) =>
    r.status === 'waitlisted'
      ? fill(t['lecs.st.waitlisted'], { n: r.waitlist_position ?? '' })
      : t[`lecs.st.${r.status}`];
  return (
    <section aria-labelledby="roster-title" className="lecs-roster">
      <h2 id="roster-title">{t['lecs.roster']}</h2>
      {note && (
        <p role="status" className="note">
          {note}
        </p>
      )}
      <div className="lecs-tools no-print">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void checkIn(code);
          }}
          className="lecs-inline"
        >
          <label htmlFor="checkin-code">{t['lecs.checkInCode']}</label>
          <input
            id="checkin-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
          <button type="submit">{t['lecs.checkInDo']}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => (scanning ? video.current?.pause() : void startScan())}
          >
            {scanning ? t['lecs.scanStop'] : t['lecs.scan']}
          </button>
        </form>
        <video ref={video} hidden={!scanning} muted playsInline className="lecs-video" />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void changeCapacity();
          }}
          className="lecs-inline"
        >
          <label htmlFor="capacity">{t['lecs.capacity']}</label>
          <input
            id="capacity"
            type="number"
            min={1}
            max={2000}
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
          />
          <button type="submit" className="secondary">
            {t['lecs.capacityDo']}
          </button>
        </form>
        <p className="lecs-inline">
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t['lecs.print']}
          </button>
          <button type="button" className="secondary" onClick={() => void exportRows('csv')}>
            {t['lecs.csv']}
          </button>
          <button type="button" className="secondary" onClick={() => void exportRows('xlsx')}>
            {t['lecs.xlsx']}
          </button>
          <span className="hint">{t['lecs.maskedExport']}</span>
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void changeWaitlistLimit();
          }}
          className="lecs-inline"
        >
          <label htmlFor="waitlist-limit">{t['lecs.waitlistLimit']}</label>
          <input
            id="waitlist-limit"
            type="number"
            min={0}
            max={2000}
            value={waitlistLimit}
            onChange={(e) => setWaitlistLimit(e.target.value)}
          />
          <button type="submit" className="secondary">
            {t['lecs.waitlistLimitDo']}
          </button>
        </form>
        <fieldset className="lecs-inline">
          <legend>{t['lecs.fullExport']}</legend>
          <label htmlFor="export-reason">{t['lecs.fullReason']}</label>
          <input
            id="export-reason"
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
            autoComplete="off"
          />
          <button type="button" className="secondary" onClick={() => void exportRows('csv', true)}>
            {t['lecs.fullCsv']}
          </button>
          <button type="button" className="secondary" onClick={() => void exportRows('xlsx', true)}>
            {t['lecs.fullXlsx']}
          </button>
        </fieldset>
      </div>
      <h3 className="print-only">
        {t['lecs.sheetTitle']}：{event.title}（{formatShanghai(event.starts_at)}）
      </h3>
      {rows && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t['lecs.r.no']}</th>
                <th scope="col">{t['lecs.r.name']}</th>
                <th scope="col">{t['lecs.r.mobile']}</th>
                <th scope="col">{t['lecs.r.code']}</th>
                <th scope="col">{t['lecs.r.adults']}</th>
                <th scope="col">{t['lecs.r.status']}</th>
                <th scope="col">{t['lecs.r.checkedIn']}</th>
                <th scope="col" className="print-only">
                  {t['lecs.sign']}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.status === 'cancelled' ? 'no-print' : undefined}>
                  <td>{r.signup_no}</td>
                  <td>{r.redacted ? t['lecs.redacted'] : r.name}</td>
                  <td>
                    {revealed[r.id] ?? r.mobile_masked}
                    {!r.redacted && !revealed[r.id] && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="link no-print"
                          onClick={() => void reveal(r.id)}
                          aria-label={`${t['lecs.reveal']}：${r.name}`}
                        >
                          {t['lecs.reveal']}
                        </button>
                      </>
                    )}
                  </td>
                  <td>{r.code}</td>
                  <td>{r.adults}</td>
                  <td>{status(r)}</td>
                  <td>{r.checked_in_at ? formatShanghai(r.checked_in_at) : ''}</td>
                  <td className="print-only"></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows && total > PAGE && (
        <nav className="lecs-inline no-print" aria-label={t['lecs.roster']}>
          <button
            type="button"
            className="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t['lecs.prev']}
          </button>
          <span role="status">
            {fill(t['lecs.page'], { from: offset + 1, to: Math.min(offset + PAGE, total), n: total })}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t['lecs.next']}
          </button>
        </nav>
      )}
    </section>
  );
}
