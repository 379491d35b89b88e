/**
 * The facility YAML writer (scripts/lib/write-facility-yaml.ts, shared by the importer and the demo generator)
 * writes every field FacilitySchema has, in the schema's order: a field added to the schema cannot be dropped by a
 * hand-kept key list. The record below fills every field; the test fails first if the schema gains one it lacks.
 */
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { facilityToYaml } from '../../scripts/lib/write-facility-yaml.ts';
import { FacilitySchema, type FacilityInput } from '../../src/lib/schemas/facility.ts';
import { validFacility } from '../fixtures/valid-facility.ts';

const record = {
  ...validFacility(),
  former_ids: ['chiyang-oak'],
  filing_number: '皖池托备 2026-001',
  prepayment: { max_months: 3, refund: '未上课的月份按天退还' },
  closure: { from: '2027-01-20', until: '2027-02-10', reason: '寒假' },
} as FacilityInput;

describe('facilityToYaml', () => {
  test('the record fills every field of the schema', () => {
    expect(Object.keys(record).sort()).toEqual(Object.keys(FacilitySchema.shape).sort());
  });

  test('writes every field, in the schema order, and reads back as the same record', () => {
    const written = YAML.parse(facilityToYaml(record)) as Record<string, unknown>;
    // An empty `unverified` is left out of the file (nothing waits for verification); every other field is there.
    expect(Object.keys(written)).toEqual(Object.keys(FacilitySchema.shape).filter((k) => k !== 'unverified'));
    expect(FacilitySchema.parse(written)).toEqual(FacilitySchema.parse(record));
  });
});
