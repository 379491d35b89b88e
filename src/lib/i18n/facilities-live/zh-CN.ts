/** Vacancy figures with their date, and what a stale one says (src/lib/facilities/freshness.ts). */
export const facilitiesLiveZhCN = {
  'vacancy.fresh': '{n} 个 · {date}更新',
  'vacancy.stale': '可能已变化，请致电确认（{date}登记 {n} 个）',
  'vacancy.md': '{m} 月 {d} 日',
  'vacancy.ymd': '{y} 年 {m} 月 {d} 日',
  'vacancy.months': '1 2 3 4 5 6 7 8 9 10 11 12',
  'filter.vacant': '有空位',
  'filter.vacantLabel': '只看有空位（近期登记）',
} as const;
