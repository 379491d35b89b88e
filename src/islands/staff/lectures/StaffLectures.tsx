/**
 * /staff/lectures/: signed-in outreach staff list events, create and edit them, publish, unpublish and cancel (the
 * people to call are listed), and work the roster. Uses the full supabase-js client (session from /staff/).
 */
import { useCallback, useEffect, useState } from 'react';
import type { LectureStaffStrings } from '../../../lib/i18n/lectures-staff/index.ts';
import type { LectureStrings } from '../../../lib/i18n/lectures/index.ts';
import { formatShanghai } from '../../../lib/lectures/format.ts';
import { pageLocale, refusalText } from '../../../lib/refusals/index.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import { EventEditor } from './EventEditor.tsx';
import { Roster } from './Roster.tsx';
import type { StaffEvent } from './types.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'signedOut' }
  | { kind: 'noRole' }
  | { kind: 'unavailable' }
  | { kind: 'ready'; events: StaffEvent[] };
type View = { kind: 'list' } | { kind: 'new' } | { kind: 'event'; id: string };

export default function StaffLectures({
  t,
  ps,
  signInPath,
}: {
  t: LectureStaffStrings;
  ps: LectureStrings;
  signInPath: string;
}) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [view, setView] = useState<View>({ kind: 'list' });
  const [note, setNote] = useState<string | null>(null);
  const [toCall, setToCall] = useState<
    { name: string | null; mobile: string | null; status: string; code: string }[] | null
  >(null);
  const [reason, setReason] = useState('');
  const [confirmCancel, setConfirmCancel] = useState(false);

  const load = useCallback(async () => {
    const sb = getSupabase();
    const { data: session } = await sb.auth.getSession();
    if (!session.session) return setState({ kind: 'signedOut' });
    const { data, error } = await sb.rpc('staff_list_lecture_events');
    if (error)
      return setState(
        error.details === 'staff:sign_in_required'
          ? { kind: 'signedOut' }
          : error.details === 'staff:role_required'
            ? { kind: 'noRole' }
            : { kind: 'unavailable' },
      );
    setState({ kind: 'ready', events: data as StaffEvent[] });
  }, []);
  useEffect(() => void load().catch(() => setState({ kind: 'unavailable' })), [load]);

  async function setStatus(id: string, status: 'draft' | 'published' | 'cancelled') {
    const { data, error } = await getSupabase().rpc('set_lecture_event_status', {
      p_id: id,
      p_status: status,
      p_reason: reason || null,
    });
    if (error) return setNote(refusalText(error, pageLocale()));
    setNote(t['lecs.saved']);
    setConfirmCancel(false);
    if (status === 'cancelled') setToCall((data as { to_call: typeof toCall }).to_call);
    await load();
  }

  if (state.kind === 'loading') return <p role="status">{t['lecs.loading']}</p>;
  if (state.kind === 'signedOut')
    return (
      <p className="note">
        {t['lecs.signInFirst']} <a href={signInPath}>{t['lecs.signInLink']}</a>
      </p>
    );
  if (state.kind === 'noRole')
    return (
      <p className="note" role="alert">
        {t['lecs.noRole']}
      </p>
    );
  if (state.kind === 'unavailable')
    return (
      <p className="note" role="alert">
        {t['lecs.unavailable']}
      </p>
    );

  const events = state.events;
  const current = view.kind === 'event' ? (events.find((e) => e.id === view.id) ?? null) : null;
  const back = (
    <p className="no-print">
      <button
        type="button"
        className="link"
        onClick={() => {
          setView({ kind: 'list' });
          setNote(null);
          setToCall(null);
        }}
      >
        ← {t['lecs.events']}
      </button>
    </p>
  );

  if (view.kind === 'new') {
    return (
      <>
        {back}
        <h2>{t['lecs.new']}</h2>
        <EventEditor
          t={t}
          ps={ps}
          event={null}
          onSaved={(e, n) => {
            setNote(n);
            void load().then(() => setView({ kind: 'event', id: e.id }));
          }}
        />
      </>
    );
  }
  if (current) {
    return (
      <>
        {back}
        <h2 className="no-print">
          {current.title} <span className="muted">({t[`lecs.status.${current.status}`]})</span>
        </h2>
        {note && (
          <p role="status" className="note no-print">
            {note}
          </p>
        )}
        {toCall && (
          <section aria-labelledby="to-call" className="no-print">
            <h3 id="to-call">{toCall.length ? t['lecs.toCall'] : t['lecs.toCallNone']}</h3>
            <ul>
              {toCall.map((p) => (
                <li key={p.code}>
                  {p.name} <a href={`tel:${p.mobile}`}>{p.mobile}</a> ({p.code})
                </li>
              ))}
            </ul>
          </section>
        )}
        {current.status !== 'cancelled' && (
          <div className="lecs-inline no-print">
            {current.status === 'draft' && (
              <button type="button" onClick={() => void setStatus(current.id, 'published')}>
                {t['lecs.publish']}
              </button>
            )}
            {current.status === 'published' && (
              <button type="button" className="secondary" onClick={() => void setStatus(current.id, 'draft')}>
                {t['lecs.unpublish']}
              </button>
            )}
            {!confirmCancel ? (
              <button type="button" className="secondary" onClick={() => setConfirmCancel(true)}>
                {t['lecs.cancelEvent']}
              </button>
            ) : (
              <div className="field">
                <label htmlFor="cancel-reason">{t['lecs.cancelReason']}</label>
                <input id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
                <button
                  type="button"
                  className="danger"
                  onClick={() => void setStatus(current.id, 'cancelled')}
                >
                  {t['lecs.cancelConfirm']}
                </button>
              </div>
            )}
          </div>
        )}
        <Roster key={current.id} t={t} ps={ps} event={current} onChanged={() => void load()} />
        {current.status !== 'cancelled' && (
          <details className="no-print">
            <summary>
              {t['lecs.save']}: {current.title}
            </summary>
            <EventEditor
              key={current.id + current.capacity}
              t={t}
              ps={ps}
              event={current}
              onSaved={(_, n) => {
                setNote(n);
                void load();
              }}
            />
          </details>
        )}
      </>
    );
  }
  return (
    <>
      {note && (
        <p role="status" className="note">
          {note}
        </p>
      )}
      <p>
        <button type="button" onClick={() => setView({ kind: 'new' })}>
          {t['lecs.new']}
        </button>
      </p>
      <h2>{t['lecs.events']}</h2>
      {events.length === 0 ? (
        <p>{t['lecs.none']}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t['lecs.col.title']}</th>
                <th scope="col">{t['lecs.col.when']}</th>
                <th scope="col">{t['lecs.col.status']}</th>
                <th scope="col">{t['lecs.col.counts']}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setView({ kind: 'event', id: e.id });
                        setNote(null);
                        setToCall(null);
                      }}
                    >
                      {e.title}
                    </button>
                  </td>
                  <td>{formatShanghai(e.starts_at)}</td>
                  <td>{t[`lecs.status.${e.status}`]}</td>
                  <td>
                    {e.confirmed_people}/{e.capacity} · {e.waitlisted} · {e.checked_in}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
