import type { surveyCountsZhCN } from './zh-CN.ts';

export const surveyCountsEn: Record<keyof typeof surveyCountsZhCN, string> = {
  'counts.undecided': 'Not decided yet',
  'counts.households': 'Household',
  'counts.versions': 'Questionnaire versions',
  'counts.version': 'Version',
  'counts.withoutTownship':
    'Answers without a place (all children 3 or older, or expecting families in the short questionnaire)',
  'counts.planning.undecided': 'Children whose families have not decided',
  'counts.planning.expecting': 'Expecting families',
  'counts.oldForm': '{label} (questionnaire 2026-11)',
  'counts.planningNote':
    'Children whose families have not decided yet and expecting families are listed apart, not in the demand total.',
};
