/**
 * The form's answer lists (zod) and the database's (SQL enum types) are the same lists in the same order, read from
 * the catalogue of a PGlite database the migrations were applied to; the consent version agrees too.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../supabase/embedded/db/adapter.ts';
import { prepareDatabase } from '../../supabase/embedded/db/migrate.ts';
import { CONSENT_VERSION, SQL_ENUMS } from '../../src/lib/schemas/survey.ts';
import { TOWNSHIPS } from '../../src/data/district.ts';
import { openTestPglite } from '../db/pglite-template.ts';

let db: Db;
let sqlEnums: Record<string, string[]>;
beforeAll(async () => {
  db = await openTestPglite();
  await prepareDatabase(db);
  const { rows } = await db.query<{ type: string; labels: string[] }>(
    `select n.nspname || '.' || t.typname as type, array_agg(e.enumlabel order by e.enumsortorder) as labels
     from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
     where n.nspname = 'app' and t.typname like 'survey\\_%' group by 1 order by 1`,
  );
  sqlEnums = Object.fromEntries(rows.map((r) => [r.type, r.labels]));
});
afterAll(() => db?.close());

describe('survey enums: zod ↔ SQL', () => {
  test('the same enum types exist on both sides', () => {
    expect(Object.keys(sqlEnums).sort()).toEqual(Object.keys(SQL_ENUMS).sort());
  });
  for (const [type, values] of Object.entries(SQL_ENUMS)) {
    test(`${type} has exactly the zod values, in order`, () => {
      expect(sqlEnums[type]).toEqual([...values]);
    });
  }
  test("townships are a table holding the selected district's townships, in its order, and no enum", async () => {
    expect(sqlEnums['app.survey_township']).toBeUndefined();
    const { rows } = await db.query<{ code: string; name: string; kind: string }>(
      'select code, name, kind from app.townships where active order by sort_order',
    );
    expect(rows.map((r) => [r.code, r.name, r.kind])).toEqual(TOWNSHIPS.map((t) => [t.code, t.name, t.type]));
  });
  test('the consent version the form sends is the one the database accepts, and no other', async () => {
    const { rows } = await db.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'survey_responses_consent_version_check'`,
    );
    expect([...rows[0].def.matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual([CONSENT_VERSION]);
  });
});
