/**
 * The site built for a second district (TUOYU_DISTRICT=dongzhi, into .tmp/dist-dongzhi by `npm test`): served on
 * its own port, every page passes the axe sweep in both text modes, every internal link resolves, and the pages
 * speak of that district, never of Guichi.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { createStaticServer, listen } from '../../scripts/lib/static-server.ts';
import { DISTRICTS } from '../../src/districts/index.ts';
import { EXAMPLE_DIST, EXAMPLE_DISTRICT } from '../support/district-example.ts';
import { E2E_EXAMPLE_PORT } from '../support/e2e-env.ts';
import { surveyFormZhCN } from '../../src/lib/i18n/survey-form/zh-CN.ts';
import { report, sweep } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { brokenLinks, pagesOf, servedFile } from './link-check.ts';

const DIST = resolve(EXAMPLE_DIST);
const district = DISTRICTS[EXAMPLE_DISTRICT];
const CHUNKS = 3;

let server: Server;
let origin = '';
test.beforeAll(async () => {
  expect(existsSync(join(DIST, 'index.html')), `${EXAMPLE_DIST} is missing: npm test builds it`).toBe(true);
  server = createStaticServer(DIST);
  origin = await listen(server, E2E_EXAMPLE_PORT);
});
test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

// One server on the port the test API allows, so the file's tests run one after another in one worker.
test.describe.configure({ mode: 'default', timeout: 180_000 });

test('every internal link of the second district’s build resolves', () => {
  const { broken, checked, pages } = brokenLinks(DIST);
  expect(pages).toBeGreaterThan(20);
  expect(checked).toBeGreaterThan(pages * 10);
  expect(broken, broken.join('\n')).toEqual([]);
});

test('its pages name the district and its townships, never Guichi', () => {
  const home = readFileSync(servedFile(DIST, '/')!, 'utf8');
  expect(home).toContain(district.name);
  const list = readFileSync(servedFile(DIST, '/facilities/')!, 'utf8');
  for (const t of district.townships.slice(0, 3)) expect(list).toContain(t.name);
  const guichi = pagesOf(DIST).filter((p) => /贵池|Guichi/.test(readFileSync(servedFile(DIST, p)!, 'utf8')));
  expect(guichi, 'pages that still say 贵池 / Guichi').toEqual([]);
});

test('a district without a questionnaire: the survey page says so and whom to call, and runs no form', () => {
  const page = readFileSync(servedFile(DIST, '/survey/')!, 'utf8');
  const [before] = surveyFormZhCN['form.none'].split('{phone}');
  expect(page).toContain(before);
  expect(page).not.toContain('<astro-island');
});

for (const mode of ['normal', 'large'] as const) {
  for (let i = 0; i < CHUNKS; i++) {
    test(`axe, ${mode} text, pages ${i + 1}/${CHUNKS}`, async ({ page }) => {
      if (mode === 'large') await page.addInitScript(() => localStorage.setItem('tuoyu.text', 'large'));
      const found: string[] = [];
      for (const path of pagesOf(DIST).filter((_, j) => j % CHUNKS === i))
        found.push(...(await sweep(page, mode, `${origin}${path}`)));
      report(found);
    });
  }
}
