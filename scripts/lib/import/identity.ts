/**
 * Identity of a facility without hand-made slugs: the web id (file name and URL) of a new record is its township's
 * pinyin and a short number (池阳街道 → `chiyang-3`); once made it never changes, because a re-import finds the
 * record by its filing number (编号), else by name + township. Ids given before (long pinyin ids, hand-made ids)
 * keep working: they are never renamed.
 */
import { pinyin } from 'pinyin-pro';
import { townshipByCode } from '../../../src/data/district.ts';
import { toHalfWidth } from './normalize.ts';
import { DISTRICT } from '../../../src/districts/index.ts';

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

/**
 * The web id of a new record: its township's pinyin and a short number, `chiyang-3`, easy to read out and type.
 * The number is one above the highest in use for that township, so an id is never handed out twice while its
 * record is on the site; once given, an id never changes (a re-import finds the record by 编号 or name). A
 * record whose township is still 待核实 gets `guichi-N`.
 */
export function deriveId(townshipCode: string, taken: ReadonlySet<string>): string {
  const township = townshipByCode(townshipCode)?.name.replace(/(街道|镇)$/, '') ?? '';
  const prefix = (township && pinyinSlug(township)) || DISTRICT.id;
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let highest = 0;
  for (const id of taken) {
    const m = pattern.exec(id);
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return `${prefix}-${highest + 1}`;
}

/** Name as compared for "same facility": no spaces, half-width brackets. */
export const sameName = (name: string) => toHalfWidth(name).replace(/\s+/g, '');
/** Filing number as compared: no spaces, half-width, 〔〕 and [] alike. */
export const sameFilingNumber = (n: string) =>
  toHalfWidth(n)
    .replace(/\s+/g, '')
    .replace(/[〔［【]/g, '[')
    .replace(/[〕］】]/g, ']');
