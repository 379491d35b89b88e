/**
 * One source for every Chinese label: the words a page shows for an enumerated value (src/lib/i18n/zh-CN.ts) are
 * the words the open-data CSV writes and the import reads (src/lib/facilities/columns.ts).
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, test } from 'vitest';
import FacilityBadges from '../../src/components/FacilityBadges.astro';
import { LABELS } from '../../src/lib/facilities/columns.ts';
import { facilityToRow } from '../../src/lib/facilities/open-data.ts';
import { zhCN } from '../../src/lib/i18n/zh-CN.ts';
import { FacilitySchema, FACILITY_TYPES, OWNERSHIPS } from '../../src/lib/schemas/facility.ts';
import { validFacility } from '../fixtures/valid-facility.ts';

/** The agreed Chinese words, written here once by hand. */
const EXPECTED = {
  type: {
    childcare_center: '托育机构',
    kindergarten_class: '幼儿园托班（托幼一体化）',
    hospital_site: '医院职工托育点',
    community_point: '社区托育点',
    employer_site: '用人单位托育点',
  },
  ownership: { public: '公办', private: '民办' },
  demonstration_level: { province: '省级', city: '市级', district: '区级' },
  filing: { filed: '已备案', in_progress: '备案中', not_filed: '未备案' },
  inspection_result: { pass: '合格', rectify: '限期整改', fail: '不合格' },
  care_forms: { full_day: '全日托', half_day: '半日托', hourly: '计时托', temporary: '临时托' },
} as const;
/** Older spellings the import still accepts (never written). */
const LEGACY = { type: { 托幼一体化幼儿园托班: 'kindergarten_class' } } as const;

describe('Chinese labels', () => {
  test('the spreadsheet labels are exactly the agreed words (plus the legacy spellings the import accepts)', () => {
    for (const [group, words] of Object.entries(EXPECTED)) {
      const expected = {
        ...Object.fromEntries(Object.entries(words).map(([v, w]) => [w, v])),
        ...(LEGACY[group as keyof typeof LEGACY] ?? {}),
      };
      expect(LABELS[group as keyof typeof LABELS], group).toEqual(expected);
    }
  });

  test('the UI dictionary uses the same words for types, ownership, filing, inspection and care forms', () => {
    const dict = zhCN as Record<string, string>;
    const prefix = {
      type: 'type',
      ownership: 'ownership',
      demonstration_level: 'level',
      filing: 'filing',
      inspection_result: 'inspection',
      care_forms: 'careForm',
    };
    for (const [group, words] of Object.entries(EXPECTED)) {
      for (const [value, word] of Object.entries(words))
        expect(dict[`${prefix[group as keyof typeof prefix]}.${value}`], `${group} ${value}`).toBe(word);
    }
  });

  test.each(FACILITY_TYPES.flatMap((type) => OWNERSHIPS.map((ownership) => [type, ownership] as const)))(
    'a %s (%s) has the same type and ownership words on its badge and in the CSV',
    async (type, ownership) => {
      const f = FacilitySchema.parse({ ...validFacility(), type, ownership });
      const html = await (await AstroContainer.create()).renderToString(FacilityBadges, {
        props: { facility: f, locale: 'zh-CN' },
      });
      const row = facilityToRow(f);
      expect(html).toContain(`<li class="badge">${row.type}</li>`);
      expect(html).toContain(`<li class="badge">${row.ownership}</li>`);
      expect(row.type).toBe(EXPECTED.type[type]);
    },
  );
});
