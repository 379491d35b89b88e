/** Display helpers for lectures: Asia/Shanghai times whatever the device's zone, masked phone numbers. */
import type { Locale } from '../i18n/index.ts';

const EVENT_TIME_ZONE = 'Asia/Shanghai';

const timeFormat: Intl.DateTimeFormatOptions = {
  timeZone: EVENT_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** "2026年6月1日 周一 09:30–11:00" / "Mon, 1 Jun 2026, 09:30–11:00" in Beijing time. */
export function formatEventTime(startIso: string, endIso: string, locale: Locale): string {
  return eventTimeParts(startIso, endIso, locale).join(' ');
}

/**
 * The same text in the pieces that must never break inside (a date, a time range): the page sets each in a
 * `white-space: nowrap` span and lets the line break only between them.
 */
export function eventTimeParts(startIso: string, endIso: string, locale: Locale): string[] {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const en = locale === 'en';
  const tag = en ? 'en-GB' : 'zh-CN';
  // The order of the parts comes from the locale, not from the options: one set serves both.
  const dateOf = (d: Date) =>
    new Intl.DateTimeFormat(tag, {
      timeZone: EVENT_TIME_ZONE,
      year: 'numeric',
      month: en ? 'short' : 'long',
      day: 'numeric',
      weekday: 'short',
    }).format(d);
  const time = (d: Date) => new Intl.DateTimeFormat(tag, timeFormat).format(d);
  const day = dateOf(start);
  const endDay = dateOf(end);
  const first = en ? `${day},` : day;
  return endDay === day
    ? [first, `${time(start)}–${time(end)}`]
    : [first, `${time(start)} –`, `${endDay} ${time(end)}`];
}

/** "2026-06-01 09:30" in Beijing time (short, for deadlines). */
export function formatShanghai(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    ...timeFormat,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** 13812341234 → 138****1234 (as the staff roster shows it). */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}
