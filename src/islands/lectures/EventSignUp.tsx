/**
 * The detail page's island: reads ?id=, shows the event (public.get_lecture_event) and the sign-up form; after
 * signing up, the code, its QR code and the calendar file. Unreachable: says so and gives the phone number.
 */
import { useEffect, useState } from 'react';
import type { Locale } from '../../lib/i18n/index.ts';
import type { LectureKey, LectureStrings } from '../../lib/i18n/lectures/index.ts';
import { fill } from '../../lib/i18n/fill.ts';
import { looksLikeEvent, looksLikeRegistration } from '../../lib/lectures/answer-checks.ts';
import { signUpArgs, type SignUp } from '../../lib/schemas/lecture.ts';
import type { PublicEvent, Registration } from '../../lib/schemas/lecture-api.ts';
import { refusalTextIn } from '../../lib/refusals/text.ts';
import { callPublic } from '../../lib/supabase/public-rpc.ts';
import { EventFacts } from './EventFacts.tsx';
import { RegistrationCard } from './RegistrationCard.tsx';
import { PhoneFallback } from './PhoneFallback.tsx';
import type { AskPhone } from '../../lib/contact/numbers.ts';
import { SignUpForm } from './SignUpForm.tsx';

interface Props {
  s: LectureStrings;
  /** the number to ask instead (src/lib/contact/), from the page */
  phone: AskPhone;
  locale: Locale;
  /** The lecture refusal texts in this page's language (src/lib/refusals/lecture.ts, via refusalTexts). */
  refusals: Record<string, string>;
  schedulePath: string;
  myPath: string;
}

type State =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'missing' }
  | { kind: 'ready'; event: PublicEvent }
  | { kind: 'done'; reg: Registration };

/** The page's heading and title become the lecture's own title once it is known (the static h1 is generic). */
function headThePage(title: string) {
  const h1 = document.querySelector('main h1');
  if (h1) h1.textContent = title;
  const site = document.title.split(' - ').at(-1);
  document.title = site ? `${title} - ${site}` : title;
}

export default function EventSignUp({ s, phone, locale, refusals, schedulePath, myPath }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const id = new URLSearchParams(location.search).get('id') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(id)) return setState({ kind: 'missing' });
    callPublic<unknown>('get_lecture_event', { p_id: id }, { get: true }).then((r) => {
      if (!r.ok) return setState(r.network ? { kind: 'unreachable' } : { kind: 'missing' });
      if (!looksLikeEvent(r.data)) return setState({ kind: 'unreachable' });
      headThePage(r.data.title);
      setState({ kind: 'ready', event: r.data });
    });
  }, []);

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
  if (state.kind === 'missing')
    return (
      <p role="alert">
        {s['lec.notFound']}{' '}
        <a className="action-link" href={schedulePath}>
          {s['lec.back']}
        </a>
      </p>
    );
  if (state.kind === 'done') {
    const r = state.reg;
    const heading =
      r.status === 'confirmed'
        ? s['lec.result.confirmed']
        : fill(s['lec.result.waitlisted'], { n: r.waitlist_position ?? 0 });
    return (
      <>
        <RegistrationCard r={r} s={s} locale={locale} heading={heading} />
        <p>
          <a className="action-link" href={myPath}>
            {s['lec.my']}
          </a>
        </p>
      </>
    );
  }

  const e = state.event;
  const open = e.registration === 'open' || e.registration === 'waitlist';
  const submit = async (v: SignUp): Promise<string | null> => {
    const r = await callPublic<unknown>('sign_up_for_lecture', signUpArgs(e.id, v));
    if (r.ok) {
      if (looksLikeRegistration(r.data)) {
        setState({ kind: 'done', reg: r.data });
        return null;
      }
      return s['lec.error.network'];
    }
    if (r.network) return s['lec.error.network'];
    return refusalTextIn(refusals, r);
  };
  return (
    <article className="lec-detail">
      <p className="lec-kind">{s[`lec.kind.${e.kind}` as LectureKey]}</p>
      <EventFacts e={e} s={s} locale={locale} />
      {e.cancel_reason && <p>{e.cancel_reason}</p>}
      {e.description && <p className="lec-description">{e.description}</p>}
      {open ? (
        <>
          <h2>{e.registration === 'waitlist' ? s['lec.joinWaitlist'] : s['lec.signUp']}</h2>
          <SignUpForm s={s} waitlist={e.registration === 'waitlist'} onSubmit={submit} />
          <PhoneFallback s={s} phone={phone} />
        </>
      ) : null}
      <p>
        <a className="action-link" href={schedulePath}>
          {s['lec.back']}
        </a>{' '}
        ·{' '}
        <a className="action-link" href={myPath}>
          {s['lec.my']}
        </a>
      </p>
    </article>
  );
}
