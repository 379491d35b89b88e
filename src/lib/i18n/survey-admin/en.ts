/** The questionnaire upload page, English: exactly the keys of zh-CN.ts (the type checks it). */
import type { surveyAdminZhCN } from './zh-CN.ts';

export const surveyAdminEn: Record<keyof typeof surveyAdminZhCN, string> = {
  'surveyAdmin.title': 'Upload a new questionnaire version',
  'surveyAdmin.intro':
    'Edit the questionnaire in Excel in the XLSForm layout (sheets survey, choices and settings), then choose the file here. It is checked on your computer and every problem is listed; when there is none you see the phone form as families will, and can publish it as a new version.',
  'surveyAdmin.noJs':
    'This page needs JavaScript. You can also publish on the server with npm run survey:publish -- form.xlsx.',
  'surveyAdmin.loading': 'Loading…',
  'surveyAdmin.signIn': 'Sign in to the staff console first:',
  'surveyAdmin.signInLink': 'staff sign-in',
  'surveyAdmin.adminsOnly': 'Only admins can publish the questionnaire.',
  'surveyAdmin.file': 'Questionnaire file (.xlsx)',
  'surveyAdmin.fileHint':
    'The file is checked as soon as you choose it; nothing is sent until you press “Publish as a new version”.',
  'surveyAdmin.reading': 'Reading and checking the file…',
  'surveyAdmin.errors.title': 'The file has {n} problems to fix; nothing was published',
  'surveyAdmin.errors.fix': 'Fix them in Excel, save, and choose the file again.',
  'surveyAdmin.tooLarge':
    'The form is too large: {bytes} bytes compressed, the phone form allows {max}. Shorten questions or choices.',
  'surveyAdmin.incomplete': 'The definition is incomplete: {path} ({message})',
  'surveyAdmin.checked': 'Checked: {title}, version {version}, {n} questions.',
  'surveyAdmin.current': 'Version in use now: {version}.',
  'surveyAdmin.noneYet': 'No questionnaire has been published yet.',
  'surveyAdmin.sameVersion':
    'Version {version} is published already. Give it a new version on the settings sheet and choose the file again.',
  'surveyAdmin.preview.title': 'Phone form preview',
  'surveyAdmin.preview.intro': 'This is the form families will see on a phone. Try it: nothing is saved.',
  'surveyAdmin.paper.title': 'Paper form preview',
  'surveyAdmin.paper.intro':
    'This is the form as it prints (A4): question numbers, skip instructions, the version and the QR code. Once published, “Print the paper form” in the staff area prints the new version.',
  'surveyAdmin.paper.print': 'Print this paper form preview',
  'surveyAdmin.publish.title': 'Publish',
  'surveyAdmin.acceptDays': 'Days older versions keep taking answers',
  'surveyAdmin.acceptDaysHint':
    'Families who started on an older version can still send it during this time (0–366 days). Anyone opening the form after publishing gets the new version.',
  'surveyAdmin.acceptDaysError': 'Enter a whole number of days from 0 to 366',
  'surveyAdmin.publish': 'Publish as a new version',
  'surveyAdmin.publishing': 'Publishing…',
  'surveyAdmin.published':
    'Published questionnaire version {version}. Older versions take answers until {until}. Versions taking answers: {accepting}.',
  'surveyAdmin.printNew': 'Print the paper form of the new version',
  'surveyAdmin.failed': 'Not published: {message}',
  'surveyAdmin.badDefinition':
    'The database found the form’s structure wrong, so it was not published. Ask a developer to check the file with npm run survey:publish -- file.xlsx --dry-run.',
  'surveyAdmin.back': 'Back to the survey console',
};
