/** The staff lecture console's strings (/staff/lectures/); the console also gets the lecture strings. */
import { featureStrings, type Locale } from '../index.ts';
import { lecturesStaffEn } from './en.ts';
import { lecturesStaffZhCN } from './zh-CN.ts';

export type LectureStaffStrings = Record<keyof typeof lecturesStaffZhCN, string>;

export function lectureStaffStrings(locale: Locale): LectureStaffStrings {
  return featureStrings({ 'zh-CN': lecturesStaffZhCN, en: lecturesStaffEn }, locale);
}
