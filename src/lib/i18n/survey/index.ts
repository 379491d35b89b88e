/**
 * The survey's strings. Kept apart from the site dictionary so islands receive only what they show (a plain object
 * prop rendered by the page); the pages read them on the server.
 */
import { CONSENT_VERSION } from '../../survey/consent.ts';
import { PHONE_RETENTION_DAYS } from '../../schemas/survey.ts';
import { fill } from '../fill.ts';
import { featureStrings, type Locale } from '../index.ts';
import { surveyEn } from './en.ts';
import { surveyZhCN } from './zh-CN.ts';

export type SurveyKey = keyof typeof surveyZhCN;
export type SurveyStrings = Record<SurveyKey, string>;

/** The locale's survey strings, with the district's words, the retention period and the consent version filled in. */
export function surveyStrings(locale: Locale): SurveyStrings {
  const vars = { days: PHONE_RETENTION_DAYS, version: CONSENT_VERSION };
  const strings = featureStrings({ 'zh-CN': surveyZhCN, en: surveyEn }, locale);
  return Object.fromEntries(
    Object.entries<string>(strings).map(([k, v]) => [k, fill(v, vars)]),
  ) as SurveyStrings;
}
