/**
 * The site says only what is true (issue 7 §5), checked on the built pages in dist/ against the facility YAML
 * files read here on their own (not through the site's loader) and against the facts of the district's 2024
 * report (../shared/data/README.md). Needs a build: `npm run build` first (`npm test` does that).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';
import { en } from '../../src/lib/i18n/en.ts';

const DIST = 'dist';
const DATA = 'src/districts/guichi/facilities';

interface Raw {
  id: string;
  name: string;
  type: string;
  demo?: boolean;
  places?: number;
  phone?: string;
  location?: unknown;
  unverified?: string[];
}
const records: Raw[] = readdirSync(DATA)
  .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('zz-invalid-build-test'))
  .map((f) => YAML.parse(readFileSync(path.join(DATA, f), 'utf8')) as Raw);
const real = records.filter((r) => r.demo !== true);
const demo = records.filter((r) => r.demo === true);
const hospitals = records.filter((r) => r.type === 'hospital_site');

const page = (p: string) => readFileSync(path.join(DIST, p, 'index.html'), 'utf8');
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
/** label → value of every <dt>/<dd> pair on a page. */
function facts(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)) out.set(text(m[1]!), text(m[2]!));
  return out;
}
/** The <li class="card"> of one facility on a list page. */
function card(html: string, id: string): string {
  const start = html.search(new RegExp(`<li class="card[^"]*"[^>]*\\sdata-id="${id}"`));
  expect(start, `card ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</li>', html.indexOf('<p class="distance', start)));
}

/** Which row of the facts list shows each field that can be unverified (written here, not taken from the site). */
const FACT_ROW: Record<string, { zh: string; en: string } | null> = {
  ownership: { zh: '性质', en: 'Ownership' },
  inclusive: { zh: '普惠性', en: 'Inclusive (普惠)' },
  filing: { zh: '备案情况', en: 'Filing (备案)' },
  township: { zh: '所在街道/镇', en: 'Township' },
  address: { zh: '地址', en: 'Address' },
  ages: { zh: '招收月龄', en: 'Ages accepted' },
  places: { zh: '托位数', en: 'Places' },
  vacancies: { zh: '空余托位', en: 'Free places' },
  care_forms: { zh: '托育形式', en: 'Care forms' },
  hours: { zh: '开放时间', en: 'Opening hours' },
  fees: { zh: '月收费', en: 'Monthly fees' },
  health_partner: { zh: '签约社区卫生服务中心', en: 'Partner community health centre' },
  inspection: { zh: '最近一次检查', en: 'Latest inspection' },
  location: null, // no row: the position note says it is to be verified
  phone: null, // no row: the call button is absent
};

test('dist/ has been built (run `npm run build` first)', () =>
  expect(existsSync(path.join(DIST, 'index.html'))).toBe(true));

describe.runIf(existsSync(path.join(DIST, 'index.html')))('the built site tells the truth', () => {
  describe('hospital sites: only what the report says, everything else 待核实', () => {
    test('the three sites named in the report, each with a list of fields to verify and no verified date', () => {
      expect(hospitals.map((h) => h.name).sort()).toEqual([
        '池州市中医医院职工托育点',
        '池州市第二人民医院职工托育点',
        '贵池区血防专科医院职工托育点',
      ]);
      for (const h of hospitals) {
        expect(h.unverified?.length, h.id).toBeGreaterThan(0);
        expect(h).not.toHaveProperty('last_verified');
        for (const field of h.unverified!) expect(h, `${h.id} has no ${field}`).not.toHaveProperty(field);
      }
    });

    test.each(hospitals.map((h) => [h.id, h] as const))(
      '%s: every unverified field reads 待核实 / To be verified, in both languages',
      (_, h) => {
        for (const [prefix, word, lang] of [
          ['', '待核实', 'zh'],
          ['en/', 'To be verified', 'en'],
        ] as const) {
          const html = main(page(`${prefix}facilities/${h.id}`));
          const rows = facts(html);
          for (const field of h.unverified!) {
            const row = FACT_ROW[field];
            if (row) expect(rows.get(row[lang]), `${prefix}${h.id} ${field}`).toBe(word);
          }
          // no number of its own: the one tel: link is the 12345 hotline (no consultation number in this build)
          expect([...html.matchAll(/href="tel:([^"]+)"/g)].map((m) => m[1])).toEqual(['12345']);
          expect(html).toContain(lang === 'zh' ? '机构电话待核实' : 'Phone number to be verified');
          expect(html).not.toContain('<time');
          expect(html).toContain(lang === 'zh' ? '位置待核实' : 'Position to be verified');
          // what the report does say: they serve the hospital's staff in multiple modes
          expect(text(html)).toContain(
            lang === 'zh'
              ? '以多种模式为本院职工提供托育服务'
              : 'serves the hospital’s own staff in multiple modes',
          );
        }
      },
    );

    test('their cards on the hospital-sites page say 待核实 instead of ages, fees, free places and address', () => {
      for (const [prefix, word] of [
        ['', '待核实'],
        ['en/', 'To be verified'],
      ] as const) {
        const html = page(`${prefix}hospital-sites`);
        for (const h of hospitals) {
          const c = text(card(html, h.id));
          expect(c.split(word).length - 1, `${prefix} ${h.id}`).toBeGreaterThanOrEqual(4); // place, ages, fees (no care forms known), free places
          expect(c).not.toMatch(/\d+–\d+/); // no age range
        }
      }
    });

    test('the compare page has 待核实 for their unverified rows', () => {
      const html = page('compare');
      const data = JSON.parse(
        /<script type="application\/json" id="compare-data">(.*?)<\/script>/s
          .exec(html)![1]!
          .replace(/\\u003c/g, '<'),
      );
      for (const h of hospitals) {
        const row = Object.fromEntries(
          (data.labels as string[]).map((label, i) => [label, data.items[h.id].values[i]]),
        );
        for (const field of ['ages', 'care_forms', 'hours', 'fees', 'places'] as const) {
          expect(row[FACT_ROW[field]!.zh], `${h.id} ${field}`).toBe('待核实');
        }
        // 电话: no number of its own, so the 12345 hotline and the reason
        expect(data.items[h.id].call).toEqual({
          text: '咨询 12345',
          tel: 'tel:12345',
          note: '机构电话待核实。',
        });
      }
    });

    test("the open-data CSV writes 待核实 in each unverified field's cells and no verified date", () => {
      const [head, ...rows]: string[][] = parseCsv(
        readFileSync(path.join(DIST, 'data/facilities.csv'), 'utf8'),
        { bom: true },
      );
      const col = (name: string) => head!.indexOf(name);
      const cells: Record<string, string[]> = {
        ownership: ['性质'],
        inclusive: ['普惠'],
        filing: ['备案状态'],
        township: ['街道/镇'],
        address: ['地址'],
        location: ['纬度', '经度'],
        phone: ['电话'],
        ages: ['最小月龄', '最大月龄'],
        places: ['托位数'],
        care_forms: ['托育形式'],
        hours: ['营业时间'],
        fees: ['全日托月费'],
        health_partner: ['签约社区卫生服务中心'],
        inspection: ['最近检查日期', '检查结果'],
        vacancies: ['空余托位'],
      };
      for (const h of hospitals) {
        const row = rows.find((r) => r[col('网址标识')] === h.id)!;
        for (const field of h.unverified!)
          for (const name of cells[field]!) expect(row[col(name)], `${h.id} ${name}`).toBe('待核实');
        expect(row[col('核实日期')]).toBe('');
      }
    });

    test('the map intro does not claim the hospital sites are on the map (none has a position)', () => {
      expect(hospitals.every((h) => h.location === undefined)).toBe(true);
      // The intro sits under the map (the map opens the page).
      const intro = /<p[^>]*class="map-intro"[^>]*>(.*?)<\/p>/.exec(main(page('map')))![1]!;
      expect(intro).toContain('医院职工托育点的位置尚待核实');
      expect(intro).not.toMatch(/医院职工托育点[^；。]*都在/);
      expect(/<p[^>]*class="map-intro"[^>]*>(.*?)<\/p>/.exec(main(page('en/map')))![1]).toContain(
        'not on the map',
      );
    });
  });

  describe('demo records ring nobody and look like no real check', () => {
    test('the data: no demo record has a phone, filing, inspection or verified date', () => {
      expect(demo.length).toBeGreaterThan(0);
      for (const r of demo)
        for (const key of ['phone', 'filing', 'inspection', 'last_verified'])
          expect(r, `${r.id}`).not.toHaveProperty(key);
    });

    test('no demo detail page (either language) rings the facility (only 12345), 已备案, an inspection result or a verified date', () => {
      for (const r of demo) {
        for (const prefix of ['', 'en/']) {
          const html = main(page(`${prefix}facilities/${r.id}`));
          expect(
            [...html.matchAll(/href="tel:([^"]+)"/g)].map((m) => m[1]),
            r.id,
          ).toEqual(['12345']);
          expect(text(html)).toContain(
            prefix ? 'Example facility: no phone number.' : '示例机构，没有电话。',
          );
          expect(html).not.toContain('<time');
          expect(text(html)).not.toMatch(/已备案|备案中|Filed|合格|限期整改|最近核实|Last verified/);
        }
      }
    });

    test('every demo card on the list pages carries a 示例 / Example badge, and no real record does', () => {
      for (const [prefix, badge] of [
        ['', '示例'],
        ['en/', 'Example'],
      ] as const) {
        const html = page(`${prefix}facilities`);
        for (const r of demo) expect(card(html, r.id)).toContain(`<li class="badge demo">${badge}</li>`);
        for (const r of real) expect(card(html, r.id)).not.toContain('badge demo');
      }
    });

    test("no built page anywhere links to a demo record's phone (there are none): the list's calls are all 12345", () => {
      const all = [...page('facilities').matchAll(/href="tel:([^"]+)"/g)].map((m) => m[1]);
      expect(all.length).toBeGreaterThan(0);
      expect(new Set(all)).toEqual(new Set(['12345']));
    });
  });

  describe('totals and sources', () => {
    test('the home page counts real records only and says how many examples are left out', () => {
      const places = real.reduce((sum, r) => sum + (r.places ?? 0), 0);
      const unknown = real.filter((r) => r.places === undefined).length;
      const stats = text(/<p data-stats>(.*?)<\/p>/.exec(page(''))![1]!);
      expect(stats).toContain(`目前收录真实机构 ${real.length} 家。`);
      expect(stats).toContain(`另有 ${demo.length} 家示例机构仅用于演示`);
      if (places === 0) expect(stats).not.toContain('托位合计');
      else expect(stats).toContain(`托位合计 ${places.toLocaleString('en')} 个`);
      if (unknown > 0) expect(stats).toContain(`其中 ${unknown} 家的托位数待核实`);
      expect(text(/<p data-stats>(.*?)<\/p>/.exec(page('en'))![1]!)).toContain(
        `${real.length} real facilities listed.`,
      );
    });

    test('while demo data is shown the footer does not claim the filing list as its source', () => {
      expect(demo.length).toBeGreaterThan(0);
      for (const p of ['', 'facilities', 'en', 'policies']) {
        const note = /<p class="muted" data-source-note>(.*?)<\/p>/.exec(page(p))![1]!;
        expect(note).not.toMatch(
          /^机构信息来自区卫健委备案名单|^Facility details come from the commission’s filing list/,
        );
        expect(note).toMatch(/示例数据|example data/);
      }
    });

    test("the demonstration page states the report's 1 / 4 / 4 beside the sample list", () => {
      const reported = { province: 1, city: 4, district: 4 };
      const html = main(page('demonstration'));
      for (const [level, n] of Object.entries(reported)) {
        const section = html.slice(html.indexOf(`id="level-${level}"`));
        expect(/<p data-reported>(.*?)<\/p>/.exec(section)![1]).toBe(`区卫健委报道的数量：${n} 家。`);
        expect(section.slice(0, section.indexOf('</section>'))).toMatch(/下面 \d+ 家是示例数据/);
      }
      expect(text(html)).toContain('省级示范 1 家、市级示范 4 家、区级示范 4 家');
      expect(text(html)).not.toMatch(/\(\d+\)/); // no count heading that mixes examples with the real figures
    });
  });

  describe("policies: the report's wording and the facts it gives", () => {
    const zh = text(main(page('policies')));
    const enText = text(main(page('en/policies')));

    test('the places rule is for new URBAN residential areas and includes supporting safety facilities', () => {
      expect(zh).toContain('新建城市居住小区');
      expect(zh).not.toContain('城镇');
      expect(zh).toContain('配套安全设施');
      expect(zh).toContain('每千人口不少于 10 个托位');
      expect(enText).toMatch(/new urban residential areas/i);
      expect(enText).toContain('supporting safety facilities');
    });

    test('the operating subsidy note (不含托幼一体化) covers both kinds of institution, as the report writes it', () => {
      expect(zh).toContain(
        '对区属公办托育机构和民办普惠性托育机构（不含托幼一体化），分别按每名在托婴幼儿每年 600 元、400 元',
      );
      expect(enText).toContain(
        'District public childcare institutions and private inclusive (普惠) childcare institutions (not kindergarten-integrated)',
      );
    });

    test('the missing facts: nursery classes 2–3, 卫健 + 教体 approval and filing, assessment, health centres, publicity month, training topics', () => {
      for (const fact of [
        '招收 2–3 岁幼儿',
        '经卫健、教体部门审批并备案',
        '经考核合格',
        '主城区各社区卫生服务中心均已与托育机构签订服务协议',
        '6–7 月为集中宣传月',
        '3,000 余份',
        '15 场以上',
        '儿童保健、服务规范、卫生评价、人员配备和消防安全',
      ]) {
        expect(zh, fact).toContain(fact);
      }
      for (const fact of [
        'aged 2–3',
        'health (卫健) and education-and-sports (教体) departments and filed',
        'passed assessment',
        'Every community health service centre in the main urban area has signed a service agreement',
        'June and July',
        'more than 3,000 leaflets',
        'more than 15 parent classes',
        'child health care, service standards, hygiene evaluation, staffing and fire safety',
      ]) {
        expect(enText, fact).toContain(fact);
      }
    });

    test('四不两直 is explained the same way in both languages (four "no"s, two "straight"s)', () => {
      expect(zh).toContain('不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场');
      expect(enText).toContain(
        'no advance notice, no greeting, no briefing, no escort or hosting; straight to the grassroots, straight to the site',
      );
    });

    test('for families: the subsidies go to institutions, not families, with a link to the 普惠 list', () => {
      expect(zh).toContain('不发给家庭');
      expect(enText).toContain('not to families');
      expect(main(page('policies'))).toContain('<a href="/facilities/?inclusive=1">');
      expect(main(page('en/policies'))).toContain('<a href="/en/facilities/?inclusive=1">');
      // "not to families" comes before the institutions' amounts, so nobody reads 600 元 first (3,600 元 is the
      // family's own 育儿补贴, shown above them)
      const institutions600 = zh.search(/(?<![\d,])600 元/);
      expect(institutions600).toBeGreaterThan(0);
      expect(zh.indexOf('不发给家庭')).toBeLessThan(institutions600);
    });
  });

  test("the demo banner says the same in both languages: 示例· names, the 示例 badge, not real, the commission's list is the real one", () => {
    const notice = (p: string) =>
      /<details class="demo-notice" id="demo-notice"[^>]*><summary[^>]*>.*?<\/summary><p class="wrap">(.*?)<\/p>/.exec(
        page(p),
      )![1]!;
    expect(notice('')).toBe(zhCN['demo.notice']);
    for (const [n, parts] of [
      [notice(''), ['示例·', '“示例”', '不是真实机构', '仅用于演示', '区卫健委公布']],
      [
        text(notice('en')),
        ['示例·', '"Example"', 'not real institutions', 'only to demonstrate', 'commission publishes'],
      ],
    ] as const) {
      for (const part of parts) expect(n, part).toContain(part);
    }
    expect(en['badge.demo']).toBe('Example');
    expect(zhCN['badge.demo']).toBe('示例');
  });
});
