/** A registration's outcome: status (waitlist position), the code large, its QR code and the calendar file. */
import { useEffect, useMemo, useRef } from 'react';
import type { Locale } from '../../lib/i18n/index.ts';
import type { LectureStrings } from '../../lib/i18n/lectures/index.ts';
import { fill } from '../../lib/i18n/fill.ts';
import { buildIcs } from '../../lib/lectures/ics.ts';
import { qrSvg } from '../../lib/lectures/qr.ts';
import type { Registration } from '../../lib/schemas/lecture-api.ts';
import { EventFacts } from './EventFacts.tsx';

export function statusText(r: Registration, s: LectureStrings): string {
  if (r.status === 'waitlisted') return fill(s['lec.status.waitlisted'], { n: r.waitlist_position ?? 0 });
  return r.status === 'confirmed' ? s['lec.status.confirmed'] : s['lec.status.cancelled'];
}

export function RegistrationCard({
  r,
  s,
  locale,
  heading,
}: {
  r: Registration;
  s: LectureStrings;
  locale: Locale;
  heading: string;
}) {
  const e = r.event;
  const title = useRef<HTMLHeadingElement>(null);
  // Shown once the answer arrives: move focus to the outcome so screen readers announce it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again for each new answer, which it does not read
  useEffect(() => title.current?.focus(), [r]);
  const ics = useMemo(() => {
    if (r.status === 'cancelled') return null;
    const text = buildIcs({
      eventId: e.id,
      code: r.code,
      title: e.title,
      venue: e.venue,
      township: e.township,
      description: e.description,
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      confirmed: r.status === 'confirmed',
      reminder: s['lec.icsReminder'],
      codeLabel: s['lec.code'],
      producer: s['lec.icsProducer'],
    });
    return `data:text/calendar;charset=utf-8,${encodeURIComponent(text)}`;
  }, [r, e, s]);
  const qr = useMemo(() => (r.status === 'cancelled' ? '' : qrSvg(r.code)), [r]);
  return (
    <section className="lec-result" aria-labelledby="lec-result-title">
      <h2 id="lec-result-title" tabIndex={-1} ref={title}>
        {heading}
      </h2>
      <p className="lec-status">
        <strong>{s['lec.status']}：</strong>
        <span data-testid="lec-status">{statusText(r, s)}</span>
        {r.checked_in && <> · {s['lec.checkedIn']}</>}
      </p>
      {r.status === 'waitlisted' && <p>{s['lec.result.waitlistNote']}</p>}
      <p className="lec-code-line">
        {s['lec.code']}：
        <strong className="lec-code" data-testid="lec-code">
          {r.code}
        </strong>
      </p>
      {r.status !== 'cancelled' && <p>{s['lec.codeNote']}</p>}
      {qr && (
        <div
          className="lec-qr"
          role="img"
          aria-label={fill(s['lec.qrLabel'], { code: r.code })}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG drawn by src/lib/lectures/qr.ts from the code alone; no text of anyone's
          dangerouslySetInnerHTML={{ __html: qr }}
        />
      )}
      <h3>{e.title}</h3>
      <EventFacts e={e} s={s} locale={locale} />
      {ics && (
        <a className="button" href={ics} download={`lecture-${r.code}.ics`}>
          {s['lec.ics']}
        </a>
      )}
    </section>
  );
}
