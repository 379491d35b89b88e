/**
 * The calendar file of a registration: RFC 5545 text with the event in Asia/Shanghai (a VTIMEZONE, DTSTART/DTEND
 * with TZID), the confirmation code in the description and a VALARM two hours before. Written here rather than
 * with the `ics` package: that one cannot write TZID times and brings yup (~13 KB gzip) into a budgeted island.
 * Parsed back with ical.js in tests/unit/lecture-ics.test.ts.
 */
const CRLF = '\r\n';

export interface IcsInput {
  eventId: string;
  code: string;
  title: string;
  venue: string;
  township: string;
  description: string;
  startsAt: string; // ISO 8601
  endsAt: string;
  /** confirmed → STATUS:CONFIRMED; waitlisted → TENTATIVE */
  confirmed: boolean;
  /** the reminder text, already translated */
  reminder: string;
  /** the text before the code in the description, e.g. "确认码" */
  codeLabel: string;
  /** Who publishes the calendar entry (the district's health commission), for PRODID */
  producer: string;
  /** DTSTAMP; defaults to now */
  now?: Date;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + n > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** 20260601T013000Z: a UTC date-time in the basic format (§3.3.5). */
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]|\.\d+/g, '');
/** 20260601T093000 in Beijing time (UTC+8 all year: China has no daylight saving time). */
const shanghaiLocal = (iso: string) => utcStamp(new Date(Date.parse(iso) + 8 * 3600_000)).slice(0, -1);

export function buildIcs(e: IcsInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${e.producer.replace(/[/\r\n]/g, ' ')}//tuoyu lectures//ZH`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:lecture-${e.eventId}-${e.code}@tuoyu`,
    `DTSTAMP:${utcStamp(e.now ?? new Date())}`,
    `DTSTART;TZID=Asia/Shanghai:${shanghaiLocal(e.startsAt)}`,
    `DTEND;TZID=Asia/Shanghai:${shanghaiLocal(e.endsAt)}`,
    `SUMMARY:${escapeText(e.title)}`,
    `LOCATION:${escapeText(`${e.venue}（${e.township}）`)}`,
    `DESCRIPTION:${escapeText(`${e.codeLabel}: ${e.code}${e.description ? `\n\n${e.description}` : ''}`)}`,
    `STATUS:${e.confirmed ? 'CONFIRMED' : 'TENTATIVE'}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT2H',
    `DESCRIPTION:${escapeText(e.reminder)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
