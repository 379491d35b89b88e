/**
 * The lecture pages' and islands' strings. Kept apart from the site dictionary so islands receive only what they
 * show (a plain object prop); the pages read them on the server.
 */
import { featureStrings, type Locale } from '../index.ts';
import { lecturesEn } from './en.ts';
import { lecturesZhCN } from './zh-CN.ts';

export type LectureKey = keyof typeof lecturesZhCN;
export type LectureStrings = Record<LectureKey, string>;

/** The locale's lecture strings, with the district's words filled in. `fill(s['lec.seatsLeft'], { n: 3 })`. */
export function lectureStrings(locale: Locale): LectureStrings {
  return featureStrings({ 'zh-CN': lecturesZhCN, en: lecturesEn }, locale);
}
