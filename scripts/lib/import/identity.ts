/**
 * Identity of a facility without hand-made slugs: the web id (file name and URL) of a new record is made from
 * the pinyin of its township and name (池阳街道 + 池阳小橡树托育园 → `chiyang-xiaoxiangshutuoyuyuan`); once made it
 * never changes, because a re-import finds the record by its filing number (编号), else by name + township.
 */
import { pinyin } from 'pinyin-pro';
import { townshipByCode } from '../../../src/data/district.ts';
import { toHalfWidth } from './normalize.ts';

/** Letters and digits of a text in pinyin, without tones or separators between syllables. */
function pinyinSlug(text: string): string {
  const syllables = pinyin(toHalfWidth(text), {
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
    v: true,
  });
  return syllables
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-'))
    .join('')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A URL-safe id for a new record, not in `taken` (a `-2`, `-3`… suffix is added when needed). */
export function deriveId(name: string, townshipCode: string, taken: ReadonlySet<string>): string {
  const township = townshipByCode(townshipCode)?.name.replace(/(街道|镇)$/, '') ?? '';
  const shortName = township && name.startsWith(township) ? name.slice(township.length) : name;
  const base =
    [pinyinSlug(township), pinyinSlug(shortName).slice(0, 48).replace(/-$/, '')].filter(Boolean).join('-') ||
    'facility';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Name as compared for "same facility": no spaces, half-width brackets. */
export const sameName = (name: string) => toHalfWidth(name).replace(/\s+/g, '');
/** Filing number as compared: no spaces, half-width, 〔〕 and [] alike. */
export const sameFilingNumber = (n: string) =>
  toHalfWidth(n)
    .replace(/\s+/g, '')
    .replace(/[〔［【]/g, '[')
    .replace(/[〕］】]/g, ']');
