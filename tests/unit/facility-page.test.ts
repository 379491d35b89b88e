/**
 * The facility page and card, rendered with made-up records (Astro's container): a real record's phone becomes a
 * call link and its verified date is shown; a record with every field still to verify reads 待核实 in every fact
 * row and has neither.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, test } from 'vitest';
import DetailPage from '../../src/pages/[...lang]/facilities/[slug].astro';
import FacilityCard from '../../src/components/FacilityCard.astro';
import { FacilitySchema, VERIFIABLE_FIELDS } from '../../src/lib/schemas/facility.ts';
import { validFacility } from '../fixtures/valid-facility.ts';
import { redirects } from '../../src/lib/facilities/index.ts';

const real = FacilitySchema.parse(validFacility());
const pending = (() => {
  const record = validFacility();
  for (const field of [...VERIFIABLE_FIELDS, 'last_verified', 'demonstration']) delete record[field];
  return FacilitySchema.parse({ ...record, unverified: [...VERIFIABLE_FIELDS] });
})();
const render = async (facility: unknown, locale = 'zh-CN') =>
  (await AstroContainer.create()).renderToString(DetailPage, {
    props: { locale, facility },
    params: { slug: 'x' },
  });
// A value's words (the vacancy figure sits in its own span, for the live script).
const dds = (html: string) =>
  [...html.matchAll(/<dd>(.*?)<\/dd>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

describe('facility page', () => {
  test('a real record: a tel: link for its phone, its verified date, no 待核实', async () => {
    const html = await render(real);
    expect(html).toContain('href="tel:05662000001"');
    expect(html).toContain('<time datetime="2026-10-20">2026-10-20</time>');
    expect(html).not.toContain('待核实');
  });

  test('every field still to verify: 待核实 in the 13 fact rows besides type, demonstration level and prepayment', async () => {
    const html = await render(pending);
    const values = dds(html);
    expect(values).toHaveLength(16);
    // Prepayment terms are the facility's own statement, not a checked field: unstated says so and what to ask.
    expect(values).toContain('机构未说明。报名前请问清最多预收几个月、怎样退费');
    expect(values.filter((v) => v === '待核实')).toHaveLength(13);
    // no number of its own: the page says so and offers the 12345 hotline (no consultation number configured)
    expect([...html.matchAll(/href="tel:([^"]+)"/g)].map((m) => m[1])).toEqual(['12345']);
    expect(html).toContain('机构电话待核实');
    expect(html).not.toContain('<time');
    expect(html).toContain('最近核实：尚未核实');
    const en = await render(pending, 'en');
    expect(dds(en).filter((v) => v === 'To be verified')).toHaveLength(13);
    expect(en).toContain('Last verified: Not yet verified');
  });

  test('prepayment terms and a temporary closure, as the facility states them (closure first)', async () => {
    const html = await render(
      FacilitySchema.parse({
        ...validFacility(),
        prepayment: { max_months: 3, refund: '未上课的月份按天退还' },
        closure: { from: '2027-01-20', until: '2027-02-10', reason: '寒假' },
      }),
    );
    const values = dds(html);
    expect(values[0]).toBe('2027-01-20 起，至 2027-02-10：寒假');
    expect(html).toContain('<dt>暂停服务</dt>');
    expect(values).toContain('最多预收 3 个月费用；退费：未上课的月份按天退还');
    const open = await render(
      FacilitySchema.parse({ ...validFacility(), prepayment: { max_months: 0, refund: '不退' } }),
      'en',
    );
    expect(dds(open)).toContain('Paid month by month, nothing in advance; refunds: 不退');
    expect(open).toContain('<dt>Fees paid in advance</dt>');
    expect(open).not.toContain('<dt>Temporarily closed</dt>');
  });

  test('cards: a demo record shows the 示例 badge, a pending one the 信息待核实 badge', async () => {
    const c = await AstroContainer.create();
    const demo = FacilitySchema.parse({
      ...validFacility(),
      phone: undefined,
      filing: undefined,
      inspection: undefined,
      last_verified: undefined,
      demo: true,
      name: '示例·池阳小橡树托育园',
    });
    expect(await c.renderToString(FacilityCard, { props: { facility: demo, locale: 'zh-CN' } })).toContain(
      '<li class="badge demo">示例</li>',
    );
    const card = await c.renderToString(FacilityCard, { props: { facility: pending, locale: 'en' } });
    expect(card).toContain('<li class="badge unverified">Details to be verified</li>');
    expect(card).not.toContain('badge demo');
  });
});

describe('a former web id', () => {
  test('redirects lists each former id of a record once, to its page', () => {
    const moved = FacilitySchema.parse({
      ...validFacility(),
      id: 'chiyang-3',
      former_ids: ['chiyang-chizhoushiguichiqu-oak'],
    });
    expect(redirects([real, moved])).toEqual([
      { from: 'chiyang-chizhoushiguichiqu-oak', to: '/facilities/chiyang-3/' },
    ]);
  });

  test('its page forwards at once to the new address, in the page language, and is not indexed', async () => {
    const moved = FacilitySchema.parse({
      ...validFacility(),
      id: 'chiyang-3',
      former_ids: ['chiyang-chizhoushiguichiqu-oak'],
    });
    const html = await (await AstroContainer.create()).renderToString(DetailPage, {
      props: { locale: 'en', facility: moved, redirectTo: '/en/facilities/chiyang-3/' },
      params: { slug: 'chiyang-chizhoushiguichiqu-oak' },
    });
    expect(html).toMatch(/<meta http-equiv="refresh" content="0; url=\/en\/facilities\/chiyang-3\/">/);
    expect(html).toContain('<link rel="canonical" href="/en/facilities/chiyang-3/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<a href="/en/facilities/chiyang-3/">');
  });
});
