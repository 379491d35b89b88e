/** The questionnaire upload page's strings (/staff/survey/form/): the page hands them to its island. */
import { featureStrings, type Locale } from '../index.ts';
import { surveyAdminEn } from './en.ts';
import { surveyAdminZhCN } from './zh-CN.ts';

export type SurveyAdminStrings = Record<keyof typeof surveyAdminZhCN, string>;

export function surveyAdminStrings(locale: Locale): SurveyAdminStrings {
  return featureStrings({ 'zh-CN': surveyAdminZhCN, en: surveyAdminEn }, locale);
}
