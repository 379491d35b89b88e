/** Turning facility fields into words. Missing values become "暂无 / Not provided", never blank. */
import type { Facility } from './schemas/facility.ts';
import { CARE_FORMS } from './schemas/facility-enums.ts';
import type { Locale, Translate } from './i18n/index.ts';
import { townshipByCode } from '../data/district.ts';

export function ages(f: Facility, t: Translate): string {
  return t('common.monthsRange', { min: f.ages.min_months, max: f.ages.max_months });
}

export function careForms(f: Facility, t: Translate): string {
  return f.care_forms.map((c) => t(`careForm.${c}`)).join(t('common.listSeparator'));
}

export function township(code: string, loc: Locale): string {
  const tw = townshipByCode(code);
  if (!tw) return code;
  return loc === 'en' ? tw.name_en : tw.name;
}

export function places(f: Facility, t: Translate): string {
  return f.places === undefined ? t('common.notProvided') : t('common.places', { n: f.places });
}

export function vacancies(f: Facility, t: Translate): string {
  return f.vacancies ? t('field.vacanciesAsOf', { n: f.vacancies.count, date: f.vacancies.as_of }) : t('common.notProvided');
}

/** One line per care form offered, "全日托：1,800 元/月", or "暂无". */
export function feeLines(f: Facility, t: Translate): string[] {
  const lines = CARE_FORMS.filter((c) => f.fees?.[c] !== undefined).map(
    (c) => t('common.labelValue', { label: t(`careForm.${c}`), value: t('common.yuanPerMonth', { n: f.fees![c]!.toLocaleString('en') }) }),
  );
  return lines.length ? lines : [t('common.notProvided')];
}

/** "全日托 1,800 元/月" for one care form, or "全日托 暂无" when its fee is not known. */
export function feeFor(f: Facility, form: (typeof CARE_FORMS)[number], t: Translate): string {
  const fee = f.fees?.[form];
  return `${t(`careForm.${form}`)} ${fee === undefined ? t('common.notProvided') : t('common.yuanPerMonth', { n: fee.toLocaleString('en') })}`;
}

export function demonstration(f: Facility, t: Translate): string {
  return f.demonstration
    ? t('demo.levelYear', { level: t(`demo.level.${f.demonstration.level}`), year: f.demonstration.year })
    : t('common.notProvided');
}

export function inspection(f: Facility, t: Translate): string {
  return f.inspection
    ? t('field.inspectionValue', { date: f.inspection.date, result: t(`inspection.${f.inspection.result}`) })
    : t('common.notProvided');
}

export function orNotProvided(value: string | undefined, t: Translate): string {
  return value && value.trim() ? value : t('common.notProvided');
}

/** tel: link target with separators removed. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
