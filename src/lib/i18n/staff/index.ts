/** The staff console's strings: the pages hand them to the staff islands (sign-in, who am I, the team page). */
import { featureStrings, type Locale } from '../index.ts';
import { staffEn } from './en.ts';
import { staffZhCN } from './zh-CN.ts';

export type StaffStrings = Record<keyof typeof staffZhCN, string>;

export function staffStrings(locale: Locale): StaffStrings {
  return featureStrings({ 'zh-CN': staffZhCN, en: staffEn }, locale);
}
