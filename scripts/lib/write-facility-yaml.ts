/**
 * Writes one facility record as `<dir>/<id>.yaml`: a single YAML mapping, keys in schema order, dates quoted.
 * Shared by scripts/generate-demo-data.ts and scripts/import-facilities.ts so both produce the same format.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { FacilitySchema, type Facility, type FacilityInput } from '../../src/lib/schemas/facility.ts';
import { CARE_FORMS } from '../../src/lib/schemas/facility-enums.ts';

/**
 * Field order in the files: the schema's own order, so a field added to FacilitySchema is written (never dropped
 * because a hand-kept list forgot it). Fees follow the care forms' order.
 */
const KEY_ORDER = Object.keys(FacilitySchema.shape) as (keyof Facility)[];
const FEE_ORDER = CARE_FORMS;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function ordered(f: Facility): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) {
    const value = f[key];
    if (value === undefined || (key === 'unverified' && f.unverified.length === 0)) continue;
    if (key === 'fees' && f.fees) {
      const fees: Record<string, number> = {};
      for (const form of FEE_ORDER) if (f.fees[form] !== undefined) fees[form] = f.fees[form];
      out.fees = fees;
    } else out[key] = value;
  }
  return out;
}

/**
 * The YAML text for a record. The record is validated first (throws on invalid input), so a file written here
 * always passes FacilitySchema. `comment` becomes a `#` comment at the top of the file.
 */
export function facilityToYaml(record: FacilityInput | Facility, comment?: string): string {
  const facility = FacilitySchema.parse(record);
  const doc = new YAML.Document(ordered(facility));
  // Quote dates so no YAML reader turns them into timestamps; township codes get quoted anyway (they look like ints).
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && DATE.test(node.value)) node.type = 'QUOTE_SINGLE';
    },
  });
  if (comment)
    doc.commentBefore = comment
      .split('\n')
      .map((line) => ` ${line}`)
      .join('\n');
  return doc.toString({ lineWidth: 0, singleQuote: true });
}

/** Writes `<dir>/<id>.yaml` (creating `dir` if needed) and returns the path written. */
export async function writeFacilityYaml(
  dir: string,
  record: FacilityInput | Facility,
  comment?: string,
): Promise<string> {
  const text = facilityToYaml(record, comment);
  const id = FacilitySchema.parse(record).id;
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${id}.yaml`);
  await writeFile(file, text, 'utf8');
  return file;
}
