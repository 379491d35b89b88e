/**
 * `npm run screenshots`: full-page PNGs of the main pages at 360 px, in normal and large-text mode, both locales,
 * into screenshots/ (not committed), for a person to look at. Needs a built dist/.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium.ts';
import { createStaticServer, listen } from './lib/static-server.ts';

const pages = process.argv[2]?.split(',') ?? [
  '/',
  '/facilities/',
  '/facilities/demo-chiyang-sunshine/',
  '/policies/',
  '/hospital-sites/',
  '/demonstration/',
  '/compare/?id=demo-chiyang-sunshine&id=demo-chiyang-dawn',
  '/about/',
  '/privacy/',
];
const locales = ['', '/en'];
const server = createStaticServer('dist');
const base = await listen(server, 0);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
mkdirSync('screenshots', { recursive: true });
for (const mode of ['normal', 'large']) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  await context.addInitScript((m) => localStorage.setItem('tuoyu.text', m), mode);
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (r) => r.abort(),
  );
  const page = await context.newPage();
  for (const loc of locales) {
    for (const p of pages) {
      await page.goto(base + loc + p);
      const name = `${mode}${loc.replace('/', '-') || '-zh'}${p.split('?')[0].replace(/\//g, '_')}.png`;
      await page.screenshot({ path: `screenshots/${name}`, fullPage: true });
      console.log(`screenshots/${name}`);
    }
  }
  await context.close();
}
await browser.close();
server.close();
