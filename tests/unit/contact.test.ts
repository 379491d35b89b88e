/**
 * The site's contact numbers: 12345 always, the district's consultation number only when configured, and never
 * a number that is not one. Over dist/: every tel: link on every page is a facility's own number from the YAML,
 * 12345, or the configured consultation number (none in a default build), so no page rings an invented number.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { askNumber, consultationFrom, HOTLINE_12345 } from '../../src/lib/contact/numbers.ts';
import { DISTRICT, facilitiesDir } from '../../src/districts/index.ts';
import { DistrictSchema } from '../../src/districts/schema.ts';

describe('contact numbers', () => {
  it('a district that lists no consultation number shows none and offers 12345', () => {
    expect(consultationFrom([])).toBeNull();
    expect(askNumber(null)).toEqual({ display: '12345', tel: '12345', consultation: false });
  });
  it('a configured number is offered as printed, dialled as configured', () => {
    const n = consultationFrom([{ display: '0566-2345678', tel: '+8605662345678'.replace('+860', '+86') }]);
    expect(n).toEqual({ display: '0566-2345678', tel: '+865662345678' });
    expect(askNumber(n)).toEqual({ display: '0566-2345678', tel: '+865662345678', consultation: true });
  });
  it('a malformed number in a district configuration is refused by its schema (the build validates it)', () => {
    const phone = (display: string, tel: string) => ({
      ...DISTRICT,
      consultation_phones: [{ label: { 'zh-CN': '咨询', en: 'Questions' }, display, tel }],
    });
    expect(DistrictSchema.safeParse(phone('0566-2345678', '+865662345678')).success).toBe(true);
    expect(DistrictSchema.safeParse(phone('call us', '+865662345678')).success).toBe(false);
    expect(DistrictSchema.safeParse(phone('0566-2345678', '2345678')).success).toBe(false);
  });
  it('12345 is the hotline', () => expect(HOTLINE_12345.tel).toBe('12345'));
});

const DIST = 'dist';
function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return htmlFiles(p);
    return p.endsWith('.html') ? [p] : [];
  });
}
const digits = (s: string) => s.replace(/[^\d+]/g, '');

it('dist/ has been built (run `npm run build` first)', () =>
  expect(existsSync(join(DIST, 'index.html'))).toBe(true));

describe.runIf(existsSync(join(DIST, 'index.html')))('tel: links in the built pages', () => {
  const dir = facilitiesDir();
  const yamlPhones = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .flatMap((f) => {
      const doc = YAML.parse(readFileSync(join(dir, f), 'utf8'));
      const records = Array.isArray(doc) ? doc : [doc];
      return records.map((r: { phone?: string }) => r.phone).filter((p): p is string => !!p);
    })
    .map(digits);
  const consult = DISTRICT.consultation_phones.map((p) => digits(p.tel));
  const allowed = new Set(['12345', ...yamlPhones, ...consult]);
  const pages = htmlFiles(DIST);

  it('every tel: link rings 12345, a facility’s own number or the configured consultation number', () => {
    const bad: string[] = [];
    let count = 0;
    for (const p of pages) {
      for (const m of readFileSync(p, 'utf8').matchAll(/href="tel:([^"]*)"/g)) {
        count++;
        if (!allowed.has(m[1])) bad.push(`${p}: tel:${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
    expect(count).toBeGreaterThan(0);
  });

  it('every facility card and detail page offers a call and, when located, a route', () => {
    const list = readFileSync(join(DIST, 'facilities/index.html'), 'utf8');
    const cards = list.split('<li class="card facility-card"').slice(1);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toMatch(/data-call="(facility|hotline|consult)"/);
      if (/data-lng="[\d.]+"/.test(card)) expect(card).toContain('data-nav="amap"');
      else expect(card).toContain('data-no-route');
    }
  });

  it('no page points at a phone number that is not there', () => {
    for (const p of pages) {
      const html = readFileSync(p, 'utf8');
      expect(html, p).not.toContain('地址和电话见下方');
      expect(html, p).not.toContain('请直接致电机构');
      expect(html, p).not.toContain('电话作答');
      expect(html, p).not.toContain('0566-0000000');
    }
  });
});
