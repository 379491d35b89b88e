/**
 * A provider's staff home (phone first): its facilities as buttons; a facility opens to the free places per age band
 * (− / + steppers, then 保存: three taps from the home, two when the account keeps one facility, which opens by
 * itself), opening hours and a temporary closure (live at once) and proposals for fees, phone and prepayment terms
 * (shown as 待审核 until staff approve). Regulated fields have no control here: only staff change them.
 */
import { useEffect, useState } from 'react';
import { pageLocale, refusalText } from '../../../lib/refusals/index.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { fill } from '../../../lib/i18n/fill.ts';
import { ProposalForms } from './ProposalForms.tsx';
import { StatusLine, type Status } from './StatusLine.tsx';
import { shortDate, type ProviderStrings } from './strings.ts';
import { bandsOf, type EditorFacility } from './types.ts';
import type { AgeBand } from '../../../lib/schemas/facility-enums.ts';

export function ProviderHome({ p, staleAfterDays }: { p: ProviderStrings; staleAfterDays: number }) {
  const [facilities, setFacilities] = useState<EditorFacility[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  async function reload(): Promise<void> {
    const { data, error } = await getSupabase().rpc('my_facilities');
    if (error) return setError(refusalText(error, pageLocale()));
    const list = data as EditorFacility[];
    setFacilities(list);
    if (list.length === 1) setOpen((o) => o ?? list[0]!.id);
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the page opens
  useEffect(() => void reload(), []);

  const replace = (f: EditorFacility) =>
    setFacilities((list) => list?.map((x) => (x.id === f.id ? f : x)) ?? null);

  if (error)
    return (
      <p className="note" role="alert">
        {error}
      </p>
    );
  if (!facilities) return <p role="status">{p['provider.loading']}</p>;
  return (
    <section aria-labelledby="provider-home-heading" className="provider-home">
      <h2 id="provider-home-heading">{p['provider.home.title']}</h2>
      <p>{p['provider.home.intro']}</p>
      {facilities.length === 0 && <p className="note">{p['provider.home.none']}</p>}
      <ul className="provider-facilities">
        {facilities.map((f) => (
          <li key={f.id} className="card">
            <button
              type="button"
              className="provider-facility-toggle"
              aria-expanded={open === f.id}
              aria-controls={`facility-${f.id}`}
              onClick={() => setOpen(open === f.id ? null : f.id)}
            >
              <strong>{f.name}</strong>
              <span className="muted">{vacancyLine(f, p)}</span>
            </button>
            {f.stale && (
              <p className="note">{fill(p['provider.vacancies.stale'], { days: staleAfterDays })}</p>
            )}
            {open === f.id && (
              <div id={`facility-${f.id}`}>
                <VacancyEditor f={f} p={p} onSaved={replace} />
                <HoursForm f={f} p={p} onSaved={replace} />
                <ClosureForm f={f} p={p} onSaved={replace} />
                <ProposalForms f={f} p={p} onSent={reload} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function vacancyLine(f: EditorFacility, p: ProviderStrings): string {
  const en = pageLocale() === 'en';
  return f.vacancies
    ? fill(p['provider.vacancies.now'], { n: f.vacancies.count, date: shortDate(f.vacancies.as_of, en) })
    : p['provider.vacancies.none'];
}

/** Initial stepper values: the stored bands, else the total in the facility's only band, else 0. */
function startingBands(f: EditorFacility): Record<AgeBand, number> {
  const bands = bandsOf(f);
  const start = { under_12m: 0, m12_24: 0, m24_36: 0 };
  if (f.vacancies?.by_age) for (const b of bands) start[b] = f.vacancies.by_age[b] ?? 0;
  else if (f.vacancies && bands.length === 1) start[bands[0]!] = f.vacancies.count;
  return start;
}

function VacancyEditor({
  f,
  p,
  onSaved,
}: {
  f: EditorFacility;
  p: ProviderStrings;
  onSaved: (f: EditorFacility) => void;
}) {
  const bands = bandsOf(f);
  const [values, setValues] = useState(() => startingBands(f));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const total = bands.reduce((sum, b) => sum + values[b], 0);
  const set = (b: AgeBand, n: number) => setValues((v) => ({ ...v, [b]: Math.max(0, Math.min(999, n)) }));

  async function save() {
    setBusy(true);
    const byAge = Object.fromEntries(bands.map((b) => [b, values[b]]));
    const { data, error } = await getSupabase().rpc('update_vacancies', {
      p_facility: f.id,
      p_by_age: byAge,
    });
    setBusy(false);
    if (error) return setStatus({ kind: 'error', text: refusalText(error, pageLocale()) });
    const saved = data as EditorFacility;
    onSaved(saved);
    setStatus({
      kind: 'done',
      text: fill(p['provider.saved'], {
        n: saved.vacancies?.count ?? total,
        date: shortDate(saved.vacancies?.as_of ?? '', pageLocale() === 'en'),
      }),
    });
  }

  return (
    <fieldset className="provider-vacancies">
      <legend>{p['provider.vacancies']}</legend>
      {bands.map((b) => {
        const label = p[`provider.band.${b}`];
        return (
          <div className="stepper" key={b}>
            <label htmlFor={`v-${f.id}-${b}`}>{label}</label>
            <div className="stepper-row">
              <button
                type="button"
                className="secondary"
                aria-label={fill(p['provider.less'], { band: label })}
                onClick={() => set(b, values[b] - 1)}
              >
                −
              </button>
              <input
                id={`v-${f.id}-${b}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={999}
                value={values[b]}
                onChange={(e) => set(b, Number(e.target.value) || 0)}
              />
              <button
                type="button"
                className="secondary"
                aria-label={fill(p['provider.more'], { band: label })}
                onClick={() => set(b, values[b] + 1)}
              >
                +
              </button>
            </div>
          </div>
        );
      })}
      <p>{fill(p['provider.total'], { n: total })}</p>
      <button type="button" onClick={save} disabled={busy}>
        {busy ? p['provider.saving'] : p['provider.save']}
      </button>
      <StatusLine status={status} />
    </fieldset>
  );
}

function HoursForm({
  f,
  p,
  onSaved,
}: {
  f: EditorFacility;
  p: ProviderStrings;
  onSaved: (f: EditorFacility) => void;
}) {
  const [hours, setHours] = useState(f.hours ?? '');
  const [status, setStatus] = useState<Status>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    const { data, error } = await getSupabase().rpc('update_facility_hours', {
      p_facility: f.id,
      p_hours: hours,
    });
    if (error) return setStatus({ kind: 'error', text: refusalText(error, pageLocale()) });
    onSaved(data as EditorFacility);
    setStatus({ kind: 'done', text: p['provider.hours.saved'] });
  }
  return (
    <form onSubmit={save} className="staff-form">
      <div className="field">
        <label htmlFor={`hours-${f.id}`}>{p['provider.hours']}</label>
        <span className="hint" id={`hours-${f.id}-hint`}>
          {p['provider.hours.hint']}
        </span>
        <input
          type="text"
          id={`hours-${f.id}`}
          aria-describedby={`hours-${f.id}-hint`}
          value={hours}
          maxLength={100}
          onChange={(e) => setHours(e.target.value)}
        />
      </div>
      <button type="submit" className="secondary">
        {p['provider.hours.save']}
      </button>
      <StatusLine status={status} />
    </form>
  );
}

function ClosureForm({
  f,
  p,
  onSaved,
}: {
  f: EditorFacility;
  p: ProviderStrings;
  onSaved: (f: EditorFacility) => void;
}) {
  const [from, setFrom] = useState(f.closure?.from ?? '');
  const [until, setUntil] = useState(f.closure?.until ?? '');
  const [reason, setReason] = useState(f.closure?.reason ?? '');
  const [status, setStatus] = useState<Status>(null);
  async function send(reopen: boolean) {
    const { data, error } = await getSupabase().rpc('set_facility_closure', {
      p_facility: f.id,
      p_from: reopen ? null : from || null,
      p_until: reopen ? null : until || null,
      p_reason: reopen ? null : reason,
    });
    if (error) return setStatus({ kind: 'error', text: refusalText(error, pageLocale()) });
    if (reopen) {
      setFrom('');
      setUntil('');
      setReason('');
    }
    onSaved(data as EditorFacility);
    setStatus({ kind: 'done', text: p['provider.closure.saved'] });
  }
  const id = (k: string) => `closure-${f.id}-${k}`;
  return (
    <form
      className="staff-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send(false);
      }}
    >
      <fieldset>
        <legend>{p['provider.closure']}</legend>
        {f.closure && (
          <p className="note">
            {fill(p['provider.closure.now'], {
              from: f.closure.from,
              until: f.closure.until ? fill(p['provider.closure.untilText'], { until: f.closure.until }) : '',
              reason: f.closure.reason,
            })}
          </p>
        )}
        <div className="field">
          <label htmlFor={id('from')}>{p['provider.closure.from']}</label>
          <input id={id('from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('until')}>{p['provider.closure.until']}</label>
          <input id={id('until')} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('reason')}>{p['provider.closure.reason']}</label>
          <input
            type="text"
            id={id('reason')}
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button type="submit" className="secondary">
          {p['provider.closure.save']}
        </button>{' '}
        {f.closure && (
          <button type="button" className="secondary" onClick={() => void send(true)}>
            {p['provider.closure.reopen']}
          </button>
        )}
        <StatusLine status={status} />
      </fieldset>
    </form>
  );
}
