import type { surveyFormZhCN } from './zh-CN.ts';

export const surveyFormEn: Record<keyof typeof surveyFormZhCN, string> = {
  'form.next': 'Continue',
  'form.back': 'Back to the previous step',
  'form.step': 'Step {n}',
  'form.optional': '(optional)',
  'form.oneTap': 'Choosing an answer takes you to the next question; go back a step to change it.',
  'form.error.title': 'There is a problem',
  'form.error.prefix': 'Error:',
  'form.error.required': 'Answer this question',
  'form.error.requiredChoice': 'Choose one',
  'form.error.type': 'Enter the answer in the format asked for',
  'form.error.choice': 'Choose one of the listed answers',
  'form.error.constraint': 'This answer is not allowed here: check it',
  'form.block': 'No. {n}',
  'form.add': 'Add another',
  'form.remove': 'Remove no. {n}',
  'form.check.title': 'Check your answers',
  'form.check.change': 'Change',
  'form.check.none': 'Not answered',
  'form.preview.note':
    'This is a preview of the questionnaire (version {version}): the published questions one step at a time; answers stay on this page and are never sent.',
  'form.preview.end': 'End of the preview. To answer for real, use the questionnaire page.',
  'form.preview.paper': 'The same questionnaire on paper (printable):',
  'form.consent.start': 'I agree — start',
  'form.none': 'The childcare-demand questionnaire has not been published here yet. Questions: call {phone}.',
  'form.paper.date': 'Date of the form',
  'form.paper.dateHint': 'The date written on the paper form. Children’s ages are counted at this date.',
  'form.paper.dateMissing': 'Enter the date written on the paper form',
  'form.paper.version':
    'Questionnaire version {version} (check it against the version printed on the paper form)',
  'form.paper.none': 'No questionnaire has been published yet: nothing can be entered.',
  'form.paper.versionChoice': 'Questionnaire version printed on the paper form',
  'form.paper.versionHint':
    'Forms printed from an earlier version can still be entered with their own questions until that version stops taking answers.',
  'form.paper.versionNewest': '{version} (newest)',
};
