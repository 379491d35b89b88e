/** The staff survey page's strings: the survey dictionary (questions and answer labels are shared). */
export type { SurveyStrings as StaffSurveyStrings } from '../../../lib/i18n/survey.ts';
