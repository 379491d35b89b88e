/**
 * The schedule: published events from public.list_lecture_events (anon RPC through postgrest-js), upcoming and
 * past, filtered by kind and township. Loading and unreachable states say so and give the phone number.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Locale } from '../../lib/i18n/index.ts';
import type { LectureKey, LectureStrings } from '../../lib/i18n/lectures/index.ts';
import { looksLikeEvent } from '../../lib/lectures/answer-checks.ts';
import { KINDS } from '../../lib/lectures/model.ts';
import type { PublicEvent } from '../../lib/schemas/lecture-api.ts';
import { callPublic } from '../../lib/supabase/public-rpc.ts';
import { EventFacts } from './EventFacts.tsx';
import { PhoneFallback } from './PhoneFallback.tsx';
import type { AskPhone } from '../../lib/contact/numbers.ts';

interface Props {
  s: LectureStrings;
  /** the number to ask instead (src/lib/contact/), from the page */
  phone: AskPhone;
  locale: Locale;
  /** the detail page's path, e.g. /lectures/event/ */
  detailPath: string;
}

type State = { kind: 'loading' } | { kind: 'unreachable' } | { kind: 'ready'; events: PublicEvent[] };

export default function Schedule({ s, phone, locale, detailPath }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [kind, setKind] = useState('');
  const [township, setTownship] = useState('');
  useEffect(() => {
    callPublic<unknown>('list_lecture_events', {}, { get: true }).then((r) => {
      const ok = r.ok && Array.isArray(r.data) && r.data.every(looksLikeEvent);
      setState(ok ? { kind: 'ready', events: r.data as PublicEvent[] } : { kind: 'unreachable' });
    });
  }, []);
  const events = state.kind === 'ready' ? state.events : [];
  const townships = useMemo(
    () => [...new Set(events.map((e) => e.township))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [events],
  );
  if (state.kind === 'loading')
    return (
      <p role="status" className="lec-loading">
        {s['lec.loading']}
      </p>
    );
  if (state.kind === 'unreachable')
    return (
      <div role="alert">
        <PhoneFallback s={s} phone={phone} lead={s['lec.unreachable']} />
      </div>
    );

  const now = Date.now();
  const shown = events.filter((e) => (!kind || e.kind === kind) && (!township || e.township === township));
  const upcoming = shown.filter((e) => Date.parse(e.ends_at) > now);
  const past = shown.filter((e) => Date.parse(e.ends_at) <= now).reverse();
  const card = (e: PublicEvent, isPast: boolean) => (
    <li key={e.id} className="card lec-card">
      <p className="lec-kind">{s[`lec.kind.${e.kind}` as LectureKey]}</p>
      <h3>
        <a href={`${detailPath}?id=${e.id}`}>{e.title}</a>
      </h3>
      <EventFacts e={e} s={s} locale={locale} />
      <a
        className="button secondary"
        href={`${detailPath}?id=${e.id}`}
        aria-label={`${isPast ? s['lec.detailsPast'] : s['lec.details']}：${e.title}`}
      >
        {isPast ? s['lec.detailsPast'] : s['lec.details']}
      </a>
    </li>
  );
  return (
    <div className="lec-schedule">
      <div className="lec-filters">
        <label>
          {s['lec.filter.kind']}
          <select value={kind} onChange={(ev) => setKind(ev.target.value)}>
            <option value="">{s['lec.filter.all']}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {s[`lec.kind.${k}` as LectureKey]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s['lec.filter.township']}
          <select value={township} onChange={(ev) => setTownship(ev.target.value)}>
            <option value="">{s['lec.filter.all']}</option>
            {townships.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <h2>{s['lec.upcoming']}</h2>
      {upcoming.length ? (
        <ul className="lec-list">{upcoming.map((e) => card(e, false))}</ul>
      ) : (
        <p>{s['lec.none']}</p>
      )}
      <h2>{s['lec.past']}</h2>
      {past.length ? <ul className="lec-list">{past.map((e) => card(e, true))}</ul> : <p>{s['lec.none']}</p>}
    </div>
  );
}
