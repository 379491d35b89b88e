/**
 * Reads every facility YAML file, validates it against FacilitySchema and fails with a message that names the
 * file, the record and the field. Used by the content collection (src/content.config.ts) and by tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { FacilitySchema, type Facility } from '../schemas/facility.ts';
import { formatIssues } from '../schemas/format-issues.ts';
import { facilitiesDir } from '../../districts/index.ts';

/**
 * The facility files' folder, relative to the working directory: `TUOYU_FACILITIES_DIR` when set (tests build a
 * temporary copy with it), else the selected district's `src/districts/<id>/facilities`. Read here only.
 */
export const FACILITY_DIR = process.env.TUOYU_FACILITIES_DIR || facilitiesDir();

export class FacilityDataError extends Error {
  override name = 'FacilityDataError';
}

/** Validates one parsed YAML document; `file` is only used in the message. */
export function parseFacility(data: unknown, file: string): Facility {
  const result = FacilitySchema.safeParse(data);
  if (result.success) return result.data;
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const label = `${String(record.name ?? '(no name)')} (id ${String(record.id ?? '?')})`;
  const lines = formatIssues(result.error.issues).map((l) => `  - ${l}`);
  throw new FacilityDataError(`Invalid facility data in ${file}, record ${label}:\n${lines.join('\n')}`);
}

/** Loads all `*.yaml` files in `dir` (relative to the working directory), sorted by id. */
export function loadFacilities(dir: string = FACILITY_DIR): Facility[] {
  return loadFacilityFiles(dir).map((f) => f.facility);
}

/** A facility with the file it came from and when that file last changed (the database seed compares it). */
export interface FacilityFile {
  facility: Facility;
  path: string;
  modified: Date;
}

/** As loadFacilities, with each record's file and its modification time; sorted by id. */
export function loadFacilityFiles(dir: string = FACILITY_DIR): FacilityFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
  const seen = new Map<string, string>();
  const facilities = files.map((name) => {
    const path = relative(process.cwd(), join(dir, name)) || name;
    let data: unknown;
    try {
      data = parse(readFileSync(join(dir, name), 'utf8'));
    } catch (err) {
      throw new FacilityDataError(
        `Invalid facility data in ${path}: not valid YAML (${(err as Error).message})`,
      );
    }
    const facility = parseFacility(data, path);
    for (const [field, id] of [
      ['id', facility.id] as const,
      ...(facility.former_ids ?? []).map((x) => ['former_ids', x] as const),
    ]) {
      const other = seen.get(id);
      if (other)
        throw new FacilityDataError(
          `Invalid facility data in ${path}, record ${facility.name} (id ${facility.id}):\n  - field "${field}": ${field === 'id' ? '' : `${id} `}is also used in ${other}`,
        );
      seen.set(id, path);
    }
    return { facility, path, modified: statSync(join(dir, name)).mtime };
  });
  assertNoDuplicates(
    facilities.map((f) => f.facility),
    files.map((name) => relative(process.cwd(), join(dir, name)) || name),
  );
  return facilities.sort((a, b) => a.facility.id.localeCompare(b.facility.id));
}

/** Two records for one facility (same 编号, or same name in the same township) would publish it twice. */
export function assertNoDuplicates(facilities: readonly Facility[], paths: readonly string[]): void {
  const seen = new Map<string, number>();
  facilities.forEach((f, i) => {
    const keys = [
      `name|${f.name.replace(/\s+/g, '')}|${f.township}`,
      ...(f.filing_number ? [`filing|${f.filing_number.replace(/\s+/g, '')}`] : []),
    ];
    for (const key of keys) {
      const j = seen.get(key);
      if (j !== undefined) {
        const what = key.startsWith('filing')
          ? `filing number (编号) "${f.filing_number}"`
          : `name "${f.name}" in the same township`;
        throw new FacilityDataError(
          `Duplicate facility: ${paths[i]} and ${paths[j]} have the same ${what}. Keep one of the two files.`,
        );
      }
      seen.set(key, i);
    }
  });
}
