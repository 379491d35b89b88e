import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import {
  FACILITY_DIR,
  FacilityDataError,
  loadFacilities,
  parseFacility,
} from '../../src/lib/facilities/load.ts';
import { FacilitySchema, type FacilityInput } from '../../src/lib/schemas/facility.ts';
import { formatIssues } from '../../src/lib/schemas/format-issues.ts';
import { validFacility } from '../fixtures/valid-facility.ts';

const fixture = validFacility;

/** The `field "…": message` lines for the fixture after `change` (which edits it in place). */
function problems(change: (f: Record<string, any>) => void): string[] {
  const record = fixture();
  change(record);
  const result = FacilitySchema.safeParse(record);
  return result.success ? [] : formatIssues(result.error.issues);
}

describe('FacilitySchema', () => {
  test('accepts the complete fixture unchanged', () => {
    expect(FacilitySchema.parse(fixture())).toEqual(fixture());
  });

  test('id: lower-case letters, digits and single hyphens', () => {
    for (const id of ['Chiyang', 'chi_yang', 'chi--yang', '-chiyang', 'chiyang-', '池阳', '']) {
      expect(
        problems((f) => (f.id = id)),
        id,
      ).toEqual(['field "id": must be lower-case letters, digits and single hyphens']);
    }
  });

  test('name must not be empty (blank counts as empty)', () => {
    expect(problems((f) => (f.name = '   '))).toEqual(['field "name": must not be empty']);
    expect(problems((f) => (f.name_en = ''))).toEqual(['field "name_en": must not be empty']);
  });

  /** The fixture as a demo record: no phone, filing, inspection or verified date. */
  const asDemo = (f: Record<string, any>) => {
    for (const key of ['phone', 'filing', 'inspection', 'last_verified']) delete f[key];
    f.demo = true;
  };

  test('demo records are named "示例·…" and only they are', () => {
    expect(problems(asDemo)).toEqual(['field "name": demo records must have a name starting with "示例·"']);
    expect(problems((f) => (f.name = '示例·池阳小橡树托育园'))).toEqual([
      'field "demo": only demo records may be named "示例·…"',
    ]);
    expect(problems((f) => Object.assign(asDemo(f) ?? f, { name: '示例·池阳小橡树托育园' }))).toEqual([]);
  });

  test('a demo record carries no phone, filing, inspection or verified date (they would look real)', () => {
    const demo = (extra: Record<string, unknown>) =>
      problems((f) => Object.assign(asDemo(f) ?? f, { name: '示例·池阳小橡树托育园' }, extra));
    const message =
      'must be left out of a demo record (it would look like a real phone number, filing or check)';
    expect(demo({ phone: '0566-2000001' })).toEqual([`field "phone": ${message}`]);
    expect(demo({ filing: 'filed' })).toEqual([`field "filing": ${message}`]);
    expect(demo({ inspection: { date: '2026-09-20', result: 'pass' } })).toEqual([
      `field "inspection": ${message}`,
    ]);
    expect(demo({ last_verified: '2026-10-20' })).toEqual([`field "last_verified": ${message}`]);
  });

  test('unverified: each listed field is left out and nothing else may be missing; no verified date needed then', () => {
    const pending = (f: Record<string, any>) => {
      for (const key of ['ownership', 'ages', 'last_verified']) delete f[key];
      f.unverified = ['ownership', 'ages'];
    };
    expect(problems(pending)).toEqual([]);
    expect(FacilitySchema.parse({ ...fixture(), unverified: undefined }).unverified).toEqual([]);
    expect(problems((f) => delete f.ownership)).toEqual([
      'field "ownership": is required (or list it under unverified until it is checked)',
    ]);
    expect(problems((f) => (f.unverified = ['ages']))).toEqual([
      'field "ages": must be left out while it is listed under unverified',
    ]);
    expect(problems((f) => (pending(f), f.unverified.push('ages')))).toEqual([
      'field "unverified": must not list a field twice',
    ]);
    const listed = (f: any) => {
      pending(f);
      f.unverified = ['ownership', 'ages', 'name'];
    };
    expect(problems(listed)).toEqual([expect.stringMatching(/^field "unverified.2": .*"ownership"/)]);
  });

  test('closed lists: type, ownership, filing, care forms', () => {
    expect(problems((f) => (f.type = 'nursery'))).toEqual([
      expect.stringMatching(/^field "type": .*"childcare_center".*"employer_site"/),
    ]);
    expect(problems((f) => (f.ownership = 'mixed'))).toEqual([
      expect.stringMatching(/^field "ownership": .*"public"\|"private"/),
    ]);
    expect(problems((f) => (f.filing = 'yes'))).toEqual([
      expect.stringMatching(/^field "filing": .*"filed"/),
    ]);
    expect(problems((f) => (f.care_forms = ['full_day', 'weekend']))).toEqual([
      expect.stringMatching(/^field "care_forms.1": .*"hourly"/),
    ]);
    expect(problems((f) => Object.assign(f, { care_forms: [], fees: undefined }))).toEqual([
      'field "care_forms": must list at least one care form',
    ]);
  });

  test('township must be one of the 20 codes', () => {
    for (const code of ['341702999', '341702', '341703001', 341702001]) {
      expect(problems((f) => (f.township = code))).toEqual([
        expect.stringMatching(/^field "township": must be one of the 20 township codes/),
      ]);
    }
    expect(problems((f) => (f.township = '341702108'))).toEqual([]);
  });

  test('location: lat/lng in range, verified required', () => {
    expect(problems((f) => (f.location.lat = 90.5))).toEqual([
      expect.stringMatching(/^field "location.lat": Too big.*90/),
    ]);
    expect(problems((f) => (f.location.lat = -91))).toEqual([
      expect.stringMatching(/^field "location.lat": Too small.*-90/),
    ]);
    expect(problems((f) => (f.location.lng = 181))).toEqual([
      expect.stringMatching(/^field "location.lng": Too big.*180/),
    ]);
    expect(problems((f) => (f.location.lng = '117.4'))).toEqual([
      expect.stringMatching(/^field "location.lng": .*expected number/),
    ]);
    expect(problems((f) => delete f.location.verified)).toEqual([
      expect.stringMatching(/^field "location.verified": .*expected boolean/),
    ]);
    expect(problems((f) => delete f.location)).toEqual([]);
  });

  test('phone: landline (with or without an extension) or mobile', () => {
    for (const phone of [
      '0566-1234567',
      '05661234567',
      '13800000000',
      '0566-12345678',
      '0566-2021234 转 8001',
    ]) {
      expect(
        problems((f) => (f.phone = phone)),
        phone,
      ).toEqual([]);
    }
    for (const phone of [
      '1234567',
      '0566 1234567',
      '138000000001',
      '23800000000',
      '+86 13800000000',
      '0566-123456',
      'n/a',
      '0566-2021234转8001',
      '13800000000 转 8001',
    ]) {
      expect(
        problems((f) => (f.phone = phone)),
        phone,
      ).toEqual([
        'field "phone": must be a phone number like 0566-1234567, 0566-1234567 转 8001 or 13800000000',
      ]);
    }
  });

  test('ages: min not above max, both 0–72 whole months', () => {
    expect(problems((f) => (f.ages = { min_months: 36, max_months: 12 }))).toEqual([
      'field "ages": min_months must not be above max_months',
    ]);
    expect(problems((f) => (f.ages = { min_months: 24, max_months: 24 }))).toEqual([]);
    expect(problems((f) => (f.ages.min_months = -1))).toEqual([
      expect.stringMatching(/^field "ages.min_months": Too small/),
    ]);
    expect(problems((f) => (f.ages.max_months = 73))).toEqual([
      expect.stringMatching(/^field "ages.max_months": Too big.*72/),
    ]);
    expect(problems((f) => (f.ages.max_months = 30.5))).toEqual([
      expect.stringMatching(/^field "ages.max_months": .*int/),
    ]);
  });

  test('places: whole number, 0 or more', () => {
    expect(problems((f) => Object.assign(f, { places: -1, vacancies: undefined }))).toEqual([
      'field "places": must be 0 or more',
    ]);
    expect(problems((f) => (f.places = 2.5))).toEqual(['field "places": must be a whole number']);
  });

  test('vacancies: not more than places; as_of a real YYYY-MM-DD date', () => {
    expect(problems((f) => (f.vacancies.count = 61))).toEqual([
      'field "vacancies.count": must not exceed places',
    ]);
    expect(problems((f) => (f.vacancies.count = 60))).toEqual([]);
    expect(problems((f) => (f.vacancies.as_of = '2026/10/05'))).toEqual([
      'field "vacancies.as_of": must be a date written YYYY-MM-DD',
    ]);
    expect(problems((f) => (f.vacancies.as_of = 'last week'))).toEqual([
      'field "vacancies.as_of": must be a date written YYYY-MM-DD',
    ]);
    expect(problems((f) => (f.vacancies.as_of = '2026-02-30'))).toEqual([
      'field "vacancies.as_of": is not a real calendar date',
    ]);
    expect(problems((f) => (f.vacancies.as_of = '2026-13-01'))).toEqual([
      'field "vacancies.as_of": is not a real calendar date',
    ]);
  });

  test('fees: only for listed care forms, never negative', () => {
    expect(problems((f) => (f.fees.hourly = 30))).toEqual([
      'field "fees": fees may only be given for the listed care_forms',
    ]);
    expect(problems((f) => (f.fees.full_day = -5))).toEqual(['field "fees.full_day": must be 0 or more']);
    expect(problems((f) => (f.fees.weekend = 5))).toEqual(['field "fees": Unrecognized key: "weekend"']);
  });

  test('inspection result is one of pass, rectify, fail', () => {
    expect(problems((f) => (f.inspection.result = 'excellent'))).toEqual([
      expect.stringMatching(/^field "inspection.result": .*"pass"\|"rectify"\|"fail"/),
    ]);
    expect(problems((f) => (f.inspection.result = 'rectify'))).toEqual([]);
  });

  test('last_verified is required; YAML dates become YYYY-MM-DD', () => {
    expect(problems((f) => delete f.last_verified)).toEqual([
      'field "last_verified": is required (a date written YYYY-MM-DD) once nothing is left unverified',
    ]);
    expect(problems((f) => (f.last_verified = 20261020))).toEqual([
      'field "last_verified": must be a date written YYYY-MM-DD',
    ]);
    const record = fixture();
    record.last_verified = new Date(Date.UTC(2026, 2, 5));
    record.vacancies.as_of = YAML.parse('d: 2026-10-05', { version: '1.1' }).d;
    expect(record.vacancies.as_of).toBeInstanceOf(Date);
    const parsed = FacilitySchema.parse(record);
    expect([parsed.last_verified, parsed.vacancies?.as_of]).toEqual(['2026-03-05', '2026-10-05']);
  });

  test('unknown fields are rejected, at the top and inside objects', () => {
    expect(problems((f) => (f.website = 'https://example.com'))).toEqual([
      'field "(record)": Unrecognized key: "website"',
    ]);
    expect(problems((f) => (f.location.accuracy = 5))).toEqual([
      'field "location": Unrecognized key: "accuracy"',
    ]);
  });

  test('demo defaults to false', () => {
    const record: FacilityInput = fixture() as FacilityInput;
    delete record.demo;
    expect(FacilitySchema.parse(record).demo).toBe(false);
  });
});

describe('parseFacility and loadFacilities: messages a person can act on', () => {
  let dir = '';
  const write = (name: string, data: unknown) =>
    writeFileSync(path.join(dir, name), typeof data === 'string' ? data : YAML.stringify(data));
  const rel = (name: string) => path.relative(process.cwd(), path.join(dir, name));
  const loadError = (): string => {
    try {
      loadFacilities(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(FacilityDataError);
      return (error as Error).message;
    }
    throw new Error('loadFacilities did not throw');
  };
  const fresh = () => (dir = mkdtempSync(path.join(tmpdir(), 'tuoyu-facilities-')));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('parseFacility names the file, the record and each bad field', () => {
    const bad = { ...fixture(), ages: { min_months: 30, max_months: 12 } };
    expect(() => parseFacility(bad, 'src/districts/guichi/facilities/x.yaml')).toThrow(
      'Invalid facility data in src/districts/guichi/facilities/x.yaml, record 池阳小橡树托育园 (id chiyang-oak-2):\n' +
        '  - field "ages": min_months must not be above max_months',
    );
  });

  test('a bad file: the message has its path, name, id and field', () => {
    fresh();
    write('good.yaml', fixture());
    write('bad.yaml', { ...fixture(), id: 'bad-one', name: '坏记录', places: -3 });
    const message = loadError();
    expect(message).toContain(`Invalid facility data in ${rel('bad.yaml')}, record 坏记录 (id bad-one)`);
    expect(message).toContain('field "places": must be 0 or more');
    expect(message).not.toContain('good.yaml');
  });

  test('an empty file is reported, not crashed on', () => {
    fresh();
    write('empty.yaml', '');
    expect(loadError()).toMatch(
      /in .*empty\.yaml, record \(no name\) \(id \?\):\n {2}- field "\(record\)": /,
    );
  });

  test('the same id in two files names both files', () => {
    fresh();
    write('a.yaml', fixture());
    write('b.yaml', { ...fixture(), name: '另一家' });
    const message = loadError();
    expect(message).toContain(rel('a.yaml'));
    expect(message).toContain(rel('b.yaml'));
    expect(message).toContain('field "id": is also used in');
  });

  test("a former id (an old address that redirects) may not be another record's id", () => {
    fresh();
    write('a.yaml', fixture());
    write('b.yaml', { ...fixture(), id: 'chiyang-2', name: '另一家', former_ids: [fixture().id] });
    const message = loadError();
    expect(message).toContain(`field "former_ids": ${fixture().id} is also used in`);
  });

  test('malformed YAML names the file', () => {
    fresh();
    write('broken.yaml', 'id: broken\nname: [unclosed\n');
    expect(loadError()).toMatch(
      new RegExp(`^Invalid facility data in ${rel('broken.yaml').replace(/[.\\]/g, '\\$&')}: not valid YAML`),
    );
  });

  test('the real data directory loads: every record valid, ids unique', () => {
    const files = readdirSync(FACILITY_DIR).filter((f) => /\.ya?ml$/.test(f));
    const facilities = loadFacilities(FACILITY_DIR);
    expect(files.length).toBeGreaterThan(0);
    expect(facilities).toHaveLength(files.length);
    expect(new Set(facilities.map((f) => f.id)).size).toBe(files.length);
  });
});
