/**
 * /staff/facilities/ for outreach and admin: the review queue (approve, or reject with a note) and the facilities
 * whose vacancy figures are stale, with whom to call and the reminder to send.
 */
import { useEffect, useState } from 'react';
import { pageLocale, refusalText } from '../../../lib/refusals/index.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { fill } from '../../../lib/i18n/fill.ts';
import { describeValue } from './ProposalForms.tsx';
import { StatusLine } from './StatusLine.tsx';
import { shortDate, type ProviderStrings } from './strings.ts';

interface QueueItem {
  id: number;
  facility: string;
  facility_name: string;
  field: 'fees' | 'phone' | 'prepayment';
  current: unknown;
  value: unknown;
  reason: string | null;
  requested_at: string;
  requested_by: string | null;
}
interface Stale {
  id: string;
  name: string;
  as_of: string | null;
  age_days: number | null;
  facility_phone: string | null;
  providers: { name: string; phone: string | null; email: string }[];
  reminder: string;
}

export function FacilityReview({ p, staleAfterDays }: { p: ProviderStrings; staleAfterDays: number }) {
  const [queue, setQueue] = useState<QueueItem[] | null>(null);
  const [stale, setStale] = useState<Stale[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [status, setStatus] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const en = pageLocale() === 'en';

  async function reload() {
    const [q, s] = await Promise.all([
      getSupabase().rpc('facility_review_queue'),
      getSupabase().rpc('stale_facilities'),
    ]);
    if (q.error || s.error) return setError(refusalText((q.error ?? s.error)!, pageLocale()));
    setQueue(q.data as QueueItem[]);
    setStale(s.data as Stale[]);
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the page opens
  useEffect(() => void reload(), []);

  async function review(item: QueueItem, approve: boolean) {
    const { error } = await getSupabase().rpc('review_facility_change', {
      p_id: item.id,
      p_approve: approve,
      p_reason: notes[item.id] || null,
    });
    if (error) return setStatus({ kind: 'error', text: refusalText(error, pageLocale()) });
    setStatus({ kind: 'done', text: p[approve ? 'provider.queue.approved' : 'provider.queue.rejected'] });
    await reload();
  }

  if (error)
    return (
      <p className="note" role="alert">
        {error}
      </p>
    );
  if (!queue || !stale) return <p role="status">{p['provider.loading']}</p>;
  return (
    <div className="facility-review">
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{p['provider.queue.title']}</h2>
        <StatusLine status={status} />
        {queue.length === 0 && <p>{p['provider.queue.none']}</p>}
        <ul className="cards">
          {queue.map((item) => (
            <li className="card" key={item.id}>
              <h3>
                {fill(p['provider.queue.item'], {
                  facility: item.facility_name,
                  field: p[`provider.field.${item.field}`],
                })}
              </h3>
              <dl>
                <dt>{p['provider.queue.current']}</dt>
                <dd>{describeValue(item.field, item.current, p)}</dd>
                <dt>{p['provider.queue.proposed']}</dt>
                <dd>{describeValue(item.field, item.value, p)}</dd>
              </dl>
              <p className="hint">
                {fill(p['provider.queue.by'], {
                  who: item.requested_by ?? '',
                  at: shortDate(item.requested_at.slice(0, 10), en),
                })}
                {item.reason && ` ${fill(p['provider.queue.reasonGiven'], { reason: item.reason })}`}
              </p>
              <div className="field">
                <label htmlFor={`note-${item.id}`}>{p['provider.queue.reviewReason']}</label>
                <input
                  type="text"
                  id={`note-${item.id}`}
                  maxLength={200}
                  value={notes[item.id] ?? ''}
                  onChange={(e) => setNotes((n) => ({ ...n, [item.id]: e.target.value }))}
                />
              </div>
              <p className="actions">
                <button type="button" onClick={() => void review(item, true)}>
                  {p['provider.queue.approve']}
                  <span className="visually-hidden">{` ${item.facility_name}`}</span>
                </button>{' '}
                <button type="button" className="secondary" onClick={() => void review(item, false)}>
                  {p['provider.queue.reject']}
                  <span className="visually-hidden">{` ${item.facility_name}`}</span>
                </button>
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stale-heading">
        <h2 id="stale-heading">{p['provider.stale.title']}</h2>
        <p>{fill(p['provider.stale.intro'], { days: staleAfterDays })}</p>
        {stale.length === 0 && <p>{p['provider.stale.none']}</p>}
        <ul className="cards">
          {stale.map((s) => {
            const calls = [
              ...(s.facility_phone ? [{ name: s.name, phone: s.facility_phone }] : []),
              ...s.providers.filter((x) => x.phone).map((x) => ({ name: x.name, phone: x.phone! })),
            ];
            return (
              <li className="card" key={s.id}>
                <h3>{s.name}</h3>
                <p>
                  {s.as_of
                    ? fill(p['provider.stale.age'], { days: s.age_days ?? '', date: shortDate(s.as_of, en) })
                    : p['provider.stale.never']}
                </p>
                {calls.length === 0 && <p className="hint">{p['provider.stale.noPhone']}</p>}
                {calls.map((c) => (
                  <p key={c.phone}>
                    <a className="button secondary" href={`tel:${c.phone.replace(/ 转 .*/, '')}`}>
                      {fill(p['provider.stale.call'], { name: c.name, phone: c.phone })}
                    </a>
                  </p>
                ))}
                <details>
                  <summary>{p['provider.stale.reminder']}</summary>
                  <p>{s.reminder}</p>
                </details>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
