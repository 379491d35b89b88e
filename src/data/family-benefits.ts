/**
 * What a family itself can get (national benefits, not in the district's 2024 report), in one place with sources
 * and the date they were checked. Copied from shared/data/README.md ("Family benefits since 2023 and 2025"); quote
 * the rules, do not widen them. The district's own subsidies go to institutions (src/content/texts/*\/policies.md).
 */
export const CHECKED_ON = '2026-12-06';

export interface Benefit {
  id: 'childcare_subsidy' | 'tax_deduction';
  name: { 'zh-CN': string; en: string };
  amount: { 'zh-CN': string; en: string };
  since: string;
  who: { 'zh-CN': string; en: string };
  where: { 'zh-CN': string; en: string };
  notes: { 'zh-CN': string; en: string };
  sources: string[];
}

export const FAMILY_BENEFITS: Benefit[] = [
  {
    id: 'childcare_subsidy',
    name: { 'zh-CN': '育儿补贴', en: 'Childcare subsidy (育儿补贴)' },
    amount: {
      'zh-CN': '每个 3 岁以下的孩子每年 3,600 元（每月 300 元），发到孩子满 3 周岁',
      en: '3,600 yuan a year (300 a month) for each child under 3, until the child turns 3',
    },
    since: '2025-01-01',
    who: {
      'zh-CN':
        '依法生育的 3 岁以下婴幼儿，一孩、二孩、三孩都有，不分户籍和民族。2025 年以前出生、仍不满 3 周岁的，按应发放的月数折算。由父母一方或其他监护人申领。',
      en: 'Every legally born child under 3 — first, second and third children alike, whatever the household registration or ethnicity. A child born before 2025 and still under 3 gets it pro-rated by eligible months. A parent or another legal guardian applies.',
    },
    where: {
      'zh-CN':
        '在孩子户籍所在地申领：主要通过全国育儿补贴信息管理系统在线申请（支付宝、微信也开通了入口），也可以线下申请。发放时间由省里确定。',
      en: "At the child's place of household registration: mainly online through the national childcare-subsidy information system (also reachable from Alipay and WeChat), or in person. The province sets when it is paid.",
    },
    notes: {
      'zh-CN': '免征个人所得税，不计入低保等救助的家庭收入。',
      en: 'Exempt from individual income tax and not counted as income when assistance (such as 低保) is assessed.',
    },
    sources: [
      '《育儿补贴制度实施方案》，中共中央办公厅、国务院办公厅，2025-07-28',
      '国务院新闻办公室新闻发布会，2025-07-30；english.scio.gov.cn, 2025-07-31, "China ensures easy, equal access to childcare subsidy"',
      '新华社，经人民网转载，2025-07-28/30',
    ],
  },
  {
    id: 'tax_deduction',
    name: {
      'zh-CN': '3 岁以下婴幼儿照护个人所得税专项附加扣除',
      en: 'Income tax deduction for the care of a child under 3',
    },
    amount: {
      'zh-CN': '每个孩子每月 2,000 元（从应纳税所得额中扣除）',
      en: '2,000 yuan per child per month, deducted from taxable income',
    },
    since: '2023-01-01',
    who: {
      'zh-CN': '3 岁以下婴幼儿的父母：可以一方全额扣除，也可以双方各扣一半。',
      en: 'The parents of a child under 3: one parent deducts it all, or both split it.',
    },
    where: {
      'zh-CN': '在个人所得税申报（例如个人所得税 App）里填报专项附加扣除。',
      en: 'In the individual income tax return, as a special additional deduction (for example in the 个人所得税 app).',
    },
    notes: {
      'zh-CN': '2023 年 8 月国务院通知把标准从每月 1,000 元提高到 2,000 元，自 2023 年 1 月 1 日起执行。',
      en: "The State Council's notice of August 2023 raised it from 1,000 to 2,000 yuan a month, from 1 January 2023.",
    },
    sources: [
      '国务院关于提高个人所得税有关专项附加扣除标准的通知，2023-08-28（chinaservicesinfo.com 等 2023-08-31 报道）',
    ],
  },
];

/** The rule of the calculator, quoted from the official text, with where to read it. */
export const SUBSIDY_RULE = {
  'zh-CN':
    '官方规定：自 2025 年 1 月 1 日起，对 3 周岁以下婴幼儿发放育儿补贴，每孩每年 3,600 元，至满 3 周岁；2025 年 1 月 1 日前出生、不满 3 周岁的，按应发放月数折算。本站按“从 2025 年 1 月（或出生当月）起，到满 3 周岁的前一个月为止”逐月计算，每月 300 元。出生当月和满 3 周岁当月是否计入，官方文字没有写明，由省里细则确定，所以 2025 年以前出生的结果标为“约”。',
  en: 'The official rule: from 1 January 2025, a childcare subsidy of 3,600 yuan a year for each child under 3, until the child turns 3; a child born before 1 January 2025 and still under 3 gets it pro-rated by the months due. This site counts each month from January 2025 (or the month of birth) up to the month before the 3rd birthday, at 300 yuan a month. Whether the month of birth and the month of the 3rd birthday count is not stated in the official text and is set by the province, so results for children born before 2025 are marked "about".',
  source: '《育儿补贴制度实施方案》（2025-07-28）及国务院新闻办公室 2025-07-30 发布会',
} as const;
