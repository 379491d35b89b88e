/**
 * What people type into a filing list, turned into the values the records use. Each function is pure and says
 * what it changed (`note`), so the import can show the clerk every change; `error` means "could not read it".
 */
import { DISTRICT } from '../../../src/data/district.ts';

export type Normalized<T> = { ok: true; value: T; note?: NoteCode } | { ok: false };

/** Why a value was changed; the wording for the clerk is in messages.ts. */
export type NoteCode =
  | 'fullwidth'
  | 'number_cleaned'
  | 'phone_plus86'
  | 'phone_separator'
  | 'phone_leading_zero'
  | 'phone_area_code'
  | 'date_form'
  | 'date_serial'
  | 'age_split'
  | 'age_years';

/** Full-width ASCII (１２, （, ，, －, ～) to half-width; the ideographic space to a space. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

const ok = <T>(value: T, changed: boolean, note: NoteCode): Normalized<T> =>
  changed ? { ok: true, value, note } : { ok: true, value };

/** `1,800`, `１２`, `60个`, `1800元/月` → a number; `whole` asks for an integer. */
export function normalizeNumber(text: string, whole: boolean): Normalized<number> {
  const half = toHalfWidth(text).trim();
  const cleaned = half.replace(/[,，\s]/g, '').replace(/(元(\/月|每月)?|个月|个|人|位|张)$/, '');
  if (!(whole ? /^\d+$/ : /^-?\d+(\.\d+)?$/).test(cleaned)) return { ok: false };
  return half !== text.trim()
    ? ok(Number(cleaned), true, 'fullwidth')
    : ok(Number(cleaned), cleaned !== half, 'number_cleaned');
}

const AREA = DISTRICT.phone_area_code; // '0566'

/** Formats a landline that starts with 0: `0566-1234567` (3-digit area codes for 01x/02x). */
function landline(digits: string): string | undefined {
  if (!/^0\d{9,11}$/.test(digits)) return undefined;
  const areaLength = /^0[12]/.test(digits) ? 3 : 4;
  const local = digits.slice(areaLength);
  return /^\d{7,8}$/.test(local) ? `${digits.slice(0, areaLength)}-${local}` : undefined;
}

/**
 * Phone numbers as people write them: `+86 138 1234 5678` → `13812345678`, `0566 1234567` → `0566-1234567`,
 * `5662031234` (Excel dropped the 0) → `0566-2031234`, `2031234` → `0566-2031234`, `4008001234` → `400-800-1234`,
 * `0566 2021234转8001` → `0566-2021234 转 8001` (a landline's extension is kept).
 */
export function normalizePhone(text: string): Normalized<string> {
  // An extension (0566 2021234转8001, 分机 8001, ext. 8001) is kept after the number: `0566-2021234 转 8001`.
  const ext = /^(.*?\d)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(toHalfWidth(text).trim());
  if (ext) {
    const main = normalizePhone(ext[1]!);
    if (!main.ok || /^1\d{10}$/.test(main.value)) return { ok: false };
    const value = `${main.value} 转 ${ext[2]}`;
    return value === text.trim()
      ? { ok: true, value }
      : { ok: true, value, note: main.note ?? 'phone_separator' };
  }
  const raw = toHalfWidth(text).trim();
  let digits = raw.replace(/[\s\-–—()（）.·]/g, '');
  if (!/^\+?\d+$/.test(digits)) return { ok: false };
  let note: NoteCode | undefined;
  const intl = /^(\+86|0086)(\d+)$/.exec(digits) ?? (/^86(1\d{10})$/.exec(digits) as RegExpExecArray | null);
  if (intl) {
    digits = intl[2]!;
    if (!digits.startsWith('1')) digits = `0${digits}`;
    note = 'phone_plus86';
  }
  let value: string | undefined;
  if (/^1\d{10}$/.test(digits)) value = digits;
  else if (/^400\d{7}$/.test(digits)) value = `400-${digits.slice(3, 6)}-${digits.slice(6)}`;
  else if (digits.startsWith('0')) value = landline(digits);
  else if (/^[2-9]\d{9,10}$/.test(digits) && landline(`0${digits}`)) {
    value = landline(`0${digits}`);
    note ??= 'phone_leading_zero';
  } else if (/^[2-9]\d{6,7}$/.test(digits)) {
    value = `${AREA}-${digits}`;
    note ??= 'phone_area_code';
  }
  if (value === undefined) return { ok: false };
  if (value === text.trim()) return { ok: true, value };
  return { ok: true, value, note: note ?? (raw !== text.trim() ? 'fullwidth' : 'phone_separator') };
}

/** One age with its unit: `6`, `6个月`, `6月`, `3岁`, `1.5岁` → months; `unit` is what was written. */
function ageMonths(amount: string, unit: string | undefined): number | undefined {
  const n = Number(amount);
  const months = unit === '岁' ? n * 12 : n;
  return Number.isInteger(months) ? months : undefined;
}

const AGE = String.raw`(\d+(?:\.\d+)?)\s*(个月|月龄|月|岁)?`;

/** `6-36`, `6～36个月`, `6个月-3岁`, `0-3岁`, `6个月至3岁` → { min, max } in months. Bare numbers are months. */
export function normalizeAgeRange(text: string): Normalized<{ min: number; max: number }> {
  const half = toHalfWidth(text).trim();
  const m = new RegExp(String.raw`^${AGE}\s*(?:-|~|至|到|—|–|－|〜)\s*${AGE}$`).exec(half);
  if (!m) return { ok: false };
  const [, a, unitA, b, unitB] = m;
  if (!unitA && !unitB && Number(b) <= 6) return { ok: false }; // `0-3`: years or months? Ask.
  const min = ageMonths(a!, unitA ?? (unitB === '岁' ? '岁' : undefined));
  const max = ageMonths(b!, unitB);
  if (min === undefined || max === undefined) return { ok: false };
  return ok({ min, max }, true, unitA === '岁' || unitB === '岁' ? 'age_years' : 'age_split');
}

/** One age in a 最小月龄 / 最大月龄 cell: `6`, `６`, `6个月`, `3岁`. */
export function normalizeAge(text: string): Normalized<number> {
  const half = toHalfWidth(text).trim();
  const m = new RegExp(`^${AGE}$`).exec(half);
  const months = m ? ageMonths(m[1]!, m[2]) : undefined;
  if (months === undefined) return { ok: false };
  if (m![2] === '岁') return ok(months, true, 'age_years');
  return ok(months, half !== String(months), half !== text.trim() ? 'fullwidth' : 'number_cleaned');
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** `二〇二六` → `2026`, `十` → `10`, `二十五` → `25`. */
function chineseNumerals(text: string): string {
  return text
    .replace(/([一二三四五六七八九])?十([一二三四五六七八九])?/g, (_, tens, ones) =>
      String((tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0)),
    )
    .replace(/[〇零一二三四五六七八九]/g, (c) => String(CN_DIGITS[c]));
}

/** A date cell read by a spreadsheet as a number (days since 1899-12-30). */
function serialDate(n: number): string {
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Dates in the usual Chinese forms: `2026-3-5`, `2026/3/5`, `2026.3.5`, `2026年3月5日`, `二〇二六年三月五日`,
 * `20260305`, and a date Excel shows as a number (`46086`) → `2026-03-05`. Calendar validity is the schema's job.
 */
export function normalizeDate(text: string): Normalized<string> {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return { ok: true, value: trimmed };
  if (/^\d{5}(\.0+)?$/.test(trimmed) && Number(trimmed) > 20000 && Number(trimmed) < 80000) {
    return ok(serialDate(Number(trimmed)), true, 'date_serial');
  }
  const half = chineseNumerals(toHalfWidth(trimmed));
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T].*)?$/.exec(half) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(half);
  if (!m) return { ok: false };
  return ok(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`, true, 'date_form');
}
