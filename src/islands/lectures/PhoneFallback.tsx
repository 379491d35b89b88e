/**
 * "Ask by phone instead": shown while loading fails, with JavaScript off, and on network errors. The number comes
 * from the page (src/lib/contact/): the district's consultation number when the build sets one (sign up by
 * phone), otherwise the 12345 hotline; never an invented number.
 */
import type { LectureStrings } from '../../lib/i18n/lectures/index.ts';
import type { AskPhone } from '../../lib/contact/numbers.ts';

export function PhoneFallback({ s, phone, lead }: { s: LectureStrings; phone: AskPhone; lead?: string }) {
  return (
    <div className="lec-fallback">
      {lead && <p>{lead}</p>}
      <p>
        {s[phone.consultation ? 'lec.phoneFallback' : 'lec.phoneHotline']}{' '}
        <a className="lec-phone" href={`tel:${phone.tel}`}>
          {phone.display}
        </a>
      </p>
    </div>
  );
}
