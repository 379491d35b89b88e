/** An event's facts (kind, time in Beijing time, place, speaker, audience) and its seat/registration state. */
import type { Locale } from '../../lib/i18n/index.ts';
import type { LectureKey, LectureStrings } from '../../lib/i18n/lectures/index.ts';
import { fill } from '../../lib/i18n/fill.ts';
import { eventTimeParts, formatShanghai } from '../../lib/lectures/format.ts';
import type { PublicEvent } from '../../lib/schemas/lecture-api.ts';

function seatsText(e: PublicEvent, s: LectureStrings): string {
  switch (e.registration) {
    case 'open':
      return fill(s['lec.seatsLeft'], { n: e.seats_left });
    case 'waitlist':
      return fill(s['lec.full'], { n: e.waitlist });
    case 'not_open':
      return fill(s['lec.state.not_open'], { at: formatShanghai(e.registration_opens_at ?? e.starts_at) });
    default:
      return s[`lec.state.${e.registration}` as LectureKey];
  }
}

export function EventFacts({ e, s, locale }: { e: PublicEvent; s: LectureStrings; locale: Locale }) {
  return (
    <>
      <dl className="lec-facts">
        <dt>{s['lec.when']}</dt>
        <dd>
          {eventTimeParts(e.starts_at, e.ends_at, locale).map((part, i) => (
            <span key={part}>
              {i > 0 && ' '}
              <span className="lec-nowrap">{part}</span>
            </span>
          ))}
        </dd>
        <dt>{s['lec.where']}</dt>
        <dd>
          {e.venue}（{e.township}）
        </dd>
        {e.speaker && (
          <>
            <dt>{s['lec.speaker']}</dt>
            <dd>{e.speaker}</dd>
          </>
        )}
        {e.audience && (
          <>
            <dt>{s['lec.audience']}</dt>
            <dd>{e.audience}</dd>
          </>
        )}
      </dl>
      <p className={`lec-seats lec-seats-${e.registration}`}>{seatsText(e, s)}</p>
    </>
  );
}
