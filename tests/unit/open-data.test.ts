import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { readRow } from '../../scripts/lib/facility-row.ts';
import { findHeader } from '../../scripts/lib/import/headers.ts';
import { renderIssue } from '../../scripts/lib/import/messages.ts';
import { buildPlan } from '../../scripts/lib/import/plan.ts';
import { COLUMNS } from '../../src/lib/facilities/columns.ts';
import { FACILITY_DIR, parseFacility } from '../../src/lib/facilities/load.ts';
import { facilitiesToCsv, facilitiesToGeoJson } from '../../src/lib/facilities/open-data.ts';
import { FacilitySchema, type Facility } from '../../src/lib/schemas/facility.ts';

const full: Facility = FacilitySchema.parse({
  id: 'chiyang-oak',
  name: '池阳"小橡树"托育园, 东区',
  name_en: 'Chiyang "Little Oak" Nursery, East',
  type: 'childcare_center',
  ownership: 'private',
  inclusive: true,
  demonstration: { level: 'city', year: 2024 },
  filing: 'filed',
  township: '341702001',
  address: '池州市贵池区池阳街道某路1号\n（东门进）',
  location: { lat: 30.659, lng: 117.483, verified: true },
  phone: '0566-2000001',
  ages: { min_months: 12, max_months: 36 },
  places: 60,
  vacancies: { count: 8, as_of: '2026-10-05', by_age: { m12_24: 3, m24_36: 5 } },
  care_forms: ['full_day', 'half_day', 'hourly'],
  hours: '周一至周五 7:30–17:30, 周六 8:00–12:00',
  fees: { full_day: 1800, half_day: 1100, hourly: 30 },
  prepayment: { max_months: 3, refund: '退园提前一个月申请, 按剩余整月退还' },
  closure: { from: '2026-12-01', until: '2026-12-31', reason: '园舍维修' },
  health_partner: '池阳街道社区卫生服务中心',
  inspection: { date: '2026-09-20', result: 'rectify' },
  source: '备案名单',
  last_verified: '2026-10-20',
});
const minimal: Facility = FacilitySchema.parse({
  id: 'qiupu-pine',
  name: '示例·秋浦松树托育点',
  type: 'community_point',
  ownership: 'public',
  inclusive: false,
  township: '341702002',
  address: '秋浦街道',
  ages: { min_months: 0, max_months: 36 },
  care_forms: ['temporary'],
  source: '=HYPERLINK("http://evil.example")',
  demo: true,
});

/** The real records, read file by file. */
function realFacilities(): Facility[] {
  return readdirSync(FACILITY_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => parseFacility(YAML.parse(readFileSync(path.join(FACILITY_DIR, f), 'utf8')), f));
}

/** Reads a CSV the way scripts/import-facilities.ts does and maps each row to a new facility (no existing data). */
function importCsv(csv: string): Facility[] {
  const rows: string[][] = parseCsv(csv, { bom: true, relax_column_count: true, skip_empty_lines: false });
  const header = findHeader(rows);
  if (!('row' in header)) throw new Error('no header');
  expect(header.issues).toEqual([]);
  expect(header.ignored).toEqual(['示例数据']);
  const demoColumn = rows[0]!.indexOf('示例数据');
  const reads = rows.slice(1).map((cells, i) => readRow(cells, i + 2, header.columns, { demoColumn }));
  const plan = buildPlan(reads, []);
  const errors = plan.rows.flatMap((r) => r.issues.map((x) => renderIssue(x, 'en')));
  if (errors.length) throw new Error(errors.join('; '));
  return plan.rows.map((r) => r.record!);
}

describe('facilitiesToCsv', () => {
  const csv = facilitiesToCsv([full, minimal]);
  const records: string[][] = parseCsv(csv, { bom: true });

  test('UTF-8 BOM first, CRLF line ends (and a final one), no bare LF outside quoted cells', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const unquoted = csv.replace(/"(?:[^"]|"")*"/g, '""');
    expect(unquoted).not.toMatch(/[^\r]\n/);
    expect(unquoted.split('\r\n')).toHaveLength(4); // header, 2 rows, '' after the last CRLF
  });

  test("header row: the import columns' Chinese headers, then 示例数据", () => {
    const headers = Object.values(COLUMNS).map((names) => names[0]);
    expect(records[0]).toEqual([...headers, '示例数据']);
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe([...headers, '示例数据'].join(','));
  });

  test('one row per facility, each as wide as the header', () => {
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.length === records[0]!.length)).toBe(true);
    expect(facilitiesToCsv([]).split('\r\n')).toHaveLength(2);
    expect(records.map((r) => [r[0], r[1], r.at(-1)])).toEqual([
      ['网址标识', '编号', '示例数据'],
      ['chiyang-oak', '', '否'],
      ['qiupu-pine', '', '是'],
    ]);
  });

  test('cells with commas, quotes or newlines are quoted, quotes doubled', () => {
    expect(csv).toContain('"池阳""小橡树""托育园, 东区"');
    expect(csv).toContain('"池州市贵池区池阳街道某路1号\n（东门进）"');
    expect(csv).toContain('"周一至周五 7:30–17:30, 周六 8:00–12:00"');
    expect(csv).toContain(',池阳街道,'); // plain cells stay unquoted
    expect(records[1]![Object.keys(COLUMNS).indexOf('name')]).toBe(full.name);
  });

  test("a cell starting with = + - @ gets a leading ' so spreadsheets never run it", () => {
    const row = records[2]!;
    const source = row[Object.keys(COLUMNS).indexOf('source')];
    expect(source).toBe('\'=HYPERLINK("http://evil.example")');
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"")"');
    for (const text of ['+1', '-1', '@SUM(A1)']) {
      const cell = parseCsv(facilitiesToCsv([{ ...minimal, hours: text }]), { bom: true })[1][
        Object.keys(COLUMNS).indexOf('hours')
      ];
      expect(cell).toBe(`'${text}`);
    }
  });

  test('labels are Chinese, as the import expects', () => {
    const row = Object.fromEntries(Object.keys(COLUMNS).map((k, i) => [k, records[1]![i]]));
    expect(row).toMatchObject({
      type: '托育机构',
      ownership: '民办',
      inclusive: '是',
      demonstration_level: '市级',
      filing: '已备案',
      township: '池阳街道',
      care_forms: '全日托、半日托、计时托',
      inspection_result: '限期整改',
      location_verified: '是',
      lat: '30.659',
      lng: '117.483',
    });
  });

  test('vacancies by age, prepayment terms and a closure have their own Chinese columns', () => {
    const header = records[0]!;
    const row = records[1]!;
    const cell = (title: string) => row[header.indexOf(title)];
    expect(cell('空余托位')).toBe('8');
    expect(cell('空余托位（1岁以下）')).toBe(''); // a band the facility did not name stays empty, never 0
    expect(cell('空余托位（1–2岁）')).toBe('3');
    expect(cell('空余托位（2–3岁）')).toBe('5');
    expect(cell('预收费最多月数')).toBe('3');
    expect(cell('退费规则')).toBe('退园提前一个月申请, 按剩余整月退还');
    expect(cell('暂停服务起')).toBe('2026-12-01');
    expect(cell('暂停服务至')).toBe('2026-12-31');
    expect(cell('暂停服务原因')).toBe('园舍维修');
    // a record without them: empty cells
    const other = records[2]!;
    for (const title of [
      '空余托位（1–2岁）',
      '预收费最多月数',
      '退费规则',
      '暂停服务起',
      '暂停服务至',
      '暂停服务原因',
    ])
      expect(other[header.indexOf(title)]).toBe('');
  });

  test('a refund rule or closure reason starting with = + - @ is neutralised, and the import reads it back as written', () => {
    const refund = '=HYPERLINK("http://evil.example","退费")';
    const reason = '-停电检修';
    const f = FacilitySchema.parse({
      ...full,
      prepayment: { max_months: 0, refund },
      closure: { from: '2026-12-01', reason },
    });
    const out = facilitiesToCsv([f]);
    const [head, row] = parseCsv(out, { bom: true }) as string[][];
    expect(row![head!.indexOf('退费规则')]).toBe(`'${refund}`);
    expect(row![head!.indexOf('暂停服务原因')]).toBe(`'${reason}`);
    expect(row![head!.indexOf('暂停服务至')]).toBe('');
    const [back] = importCsv(out);
    expect(back!.prepayment).toEqual({ max_months: 0, refund });
    expect(back!.closure).toEqual({ from: '2026-12-01', reason });
    expect(back).toEqual(f);
  });
});

describe('facilitiesToGeoJson', () => {
  test('only located facilities, as [lng, lat] points with the record as properties', () => {
    const geo = facilitiesToGeoJson([full, minimal]);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(1);
    const [feature] = geo.features;
    expect(feature).toMatchObject({
      type: 'Feature',
      id: 'chiyang-oak',
      geometry: { type: 'Point', coordinates: [117.483, 30.659] },
    });
    expect(feature!.properties).toMatchObject({
      id: 'chiyang-oak',
      name: full.name,
      township_name: '池阳街道',
      location_verified: true,
      vacancies: { count: 8, as_of: '2026-10-05', by_age: { m12_24: 3, m24_36: 5 } },
      prepayment: { max_months: 3, refund: '退园提前一个月申请, 按剩余整月退还' },
      closure: { from: '2026-12-01', until: '2026-12-31', reason: '园舍维修' },
    });
    expect(feature!.properties).not.toHaveProperty('location');
    expect(facilitiesToGeoJson([minimal]).features).toEqual([]);
  });

  test("the real data: every located record and nothing else, inside the district's rough bounds", () => {
    const facilities = realFacilities();
    const geo = facilitiesToGeoJson(facilities);
    expect(geo.features.map((f) => f.id).sort()).toEqual(
      facilities
        .filter((f) => f.location)
        .map((f) => f.id)
        .sort(),
    );
    for (const { geometry } of geo.features) {
      const [lng, lat] = geometry.coordinates as [number, number];
      expect(lng).toBeGreaterThan(116.9);
      expect(lng).toBeLessThan(118.1);
      expect(lat).toBeGreaterThan(29.9);
      expect(lat).toBeLessThan(31);
    }
  });
});

describe('CSV round trip through the import mapping', () => {
  test('a complete record with awkward text comes back equal', () => {
    expect(importCsv(facilitiesToCsv([full]))).toEqual([full]);
  });

  test('the real non-demo records come back equal', () => {
    const real = realFacilities().filter((f) => !f.demo);
    expect(real.length).toBeGreaterThan(0);
    expect(importCsv(facilitiesToCsv(real))).toEqual(real);
  });

  test('every field of the demo records survives too (as real records: flag off, 示例· prefix dropped)', () => {
    const records = realFacilities()
      .filter((f) => f.demo)
      .map((f) => ({
        ...f,
        demo: false,
        name: f.name.replace(/^示例·/, ''),
        filing: 'filed' as const,
        last_verified: '2026-10-01',
      }));
    expect(importCsv(facilitiesToCsv(records))).toEqual(records);
  });

  test('demo rows are marked 示例数据 = 是, and the import refuses them: example data never becomes real data', () => {
    expect(() => importCsv(facilitiesToCsv([minimal]))).toThrow(
      'Row 2, column "示例数据" (read "是"): this row is example data (示例数据 = 是), which never becomes a real record: delete the row.',
    );
  });
});
