/**
 * Turning facility fields into words. A missing value is never blank: it reads 待核实 / "To be verified" when the
 * record lists the field under `unverified`, "示例数据，无 / Example record: none" for what demo records must not
 * carry (phone, filing, inspection), and 暂无 / "Not provided" otherwise.
 */
import type { Facility } from '../schemas/facility.ts';
import { CARE_FORMS, type VerifiableField } from '../schemas/facility-enums.ts';
import type { Locale, Translate } from '../i18n/index.ts';
import { townshipByCode } from '../../data/district.ts';

/** Fields a demo record never carries (FacilitySchema refuses them). */
const NOT_ON_DEMO: readonly VerifiableField[] = ['phone', 'filing', 'inspection'];

/** The words for a field that has no value on this record. */
export function missing(f: Facility, field: VerifiableField, t: Translate): string {
  if (f.unverified.includes(field)) return t('common.unverified');
  if (f.demo && NOT_ON_DEMO.includes(field)) return t('common.notOnDemo');
  return t('common.notProvided');
}

export function ages(f: Facility, t: Translate): string {
  return f.ages
    ? t('common.monthsRange', { min: f.ages.min_months, max: f.ages.max_months })
    : missing(f, 'ages', t);
}

export function careForms(f: Facility, t: Translate): string {
  return f.care_forms
    ? f.care_forms.map((c) => t(`careForm.${c}`)).join(t('common.listSeparator'))
    : missing(f, 'care_forms', t);
}

/** A township's name from its code; an unknown code is shown as it is. */
export function township(code: string, loc: Locale): string {
  const tw = townshipByCode(code);
  if (!tw) return code;
  return loc === 'en' ? tw.name_en : tw.name;
}

/** The facility's township, or why it is not shown. */
export function townshipOf(f: Facility, loc: Locale, t: Translate): string {
  return f.township ? township(f.township, loc) : missing(f, 'township', t);
}

/** "township · address" for cards and page heads; one 待核实 when both are still to be verified. */
export function place(f: Facility, loc: Locale, t: Translate): string {
  return [...new Set([townshipOf(f, loc, t), address(f, t)])].join(' · ');
}

export function address(f: Facility, t: Translate): string {
  return f.address ?? missing(f, 'address', t);
}

export function ownership(f: Facility, t: Translate): string {
  return f.ownership ? t(`ownership.${f.ownership}`) : missing(f, 'ownership', t);
}

export function inclusive(f: Facility, t: Translate): string {
  return f.inclusive === undefined
    ? missing(f, 'inclusive', t)
    : f.inclusive
      ? t('common.yes')
      : t('common.no');
}

export function filing(f: Facility, t: Translate): string {
  return f.filing ? t(`filing.${f.filing}`) : missing(f, 'filing', t);
}

export function phone(f: Facility, t: Translate): string {
  return f.phone ?? missing(f, 'phone', t);
}

export function places(f: Facility, t: Translate): string {
  return f.places === undefined ? missing(f, 'places', t) : t('common.places', { n: f.places });
}

// Vacancies with their date and freshness: src/lib/facilities/vacancy.ts (judged against the build's day).

/** One line per care form offered, "全日托：1,800 元/月", or one line saying why there are none. */
export function feeLines(f: Facility, t: Translate): string[] {
  const lines = CARE_FORMS.filter((c) => f.fees?.[c] !== undefined).map((c) =>
    t('common.labelValue', {
      label: t(`careForm.${c}`),
      value: t('common.yuanPerMonth', { n: f.fees![c]!.toLocaleString('en') }),
    }),
  );
  return lines.length ? lines : [missing(f, 'fees', t)];
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
    : missing(f, 'inspection', t);
}

/**
 * Prepayment terms (预收费) as the facility states them, or advice to ask: prepaid fees are how families most often
 * lose money to childcare, so an unstated rule is said to be unstated, not left blank.
 */
export function prepayment(f: Facility, t: Translate): string {
  if (!f.prepayment) return t('field.prepaymentUnknown');
  const { max_months: months, refund } = f.prepayment;
  return months === 0
    ? t('field.prepaymentMonthly', { refund })
    : t('field.prepaymentValue', { months, refund });
}

/** A temporary closure (暂停服务) in words, or null while the facility is open. */
export function closure(f: Facility, t: Translate): string | null {
  if (!f.closure) return null;
  const { from, until, reason } = f.closure;
  return t('field.closureValue', { from, until: until ? t('field.closureUntil', { until }) : '', reason });
}

/** A free-text field (hours, health partner) or why it is empty. */
export function text(f: Facility, field: 'hours' | 'health_partner', t: Translate): string {
  const value = f[field];
  return value?.trim() ? value : missing(f, field, t);
}

/** tel: link target with separators removed; an extension (`0566-2021234 转 8001`) is not dialled: the main number is. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/\s*转.*$/, '').replace(/[^\d+]/g, '')}`;
}
