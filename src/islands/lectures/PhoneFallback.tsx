/** "Sign up by phone instead": shown while loading fails, with JavaScript off, and on network errors. */
import { REGISTRATION_PHONE } from '../../lib/lectures/contact.ts';
import type { LectureStrings } from '../../lib/i18n/lectures.ts';

export function PhoneFallback({ s, lead }: { s: LectureStrings; lead?: string }) {
  return (
    <div className="lec-fallback">
      {lead && <p>{lead}</p>}
      <p>
        {s['lec.phoneFallback']}{' '}
        <a className="lec-phone" href={`tel:${REGISTRATION_PHONE.tel}`}>
          {REGISTRATION_PHONE.display}
        </a>
        {REGISTRATION_PHONE.demo && <> {s['lec.demoPhone']}</>}
      </p>
    </div>
  );
}
