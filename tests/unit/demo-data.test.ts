/**
 * The demo data set is the generator's output, byte for byte: records are changed in scripts/generate-demo-data.ts
 * and regenerated, never edited by hand (a hand-edited phone number or 已备案 would come back on the next run).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { main } from '../../scripts/generate-demo-data.ts';

const DATA = 'src/districts/guichi/facilities';
const out = mkdtempSync(path.join(tmpdir(), 'tuoyu-demo-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('regenerating gives exactly the committed demo-*.yaml and hospital-*.yaml files', async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  expect(await main(['--out', out])).toBe(0);
  const generated = readdirSync(out).sort();
  const committed = readdirSync(DATA)
    .filter((f) => /^(demo|hospital)-.*\.yaml$/.test(f))
    .sort();
  expect(generated).toEqual(committed);
  for (const file of generated)
    expect(readFileSync(path.join(out, file), 'utf8'), file).toBe(
      readFileSync(path.join(DATA, file), 'utf8'),
    );
});
