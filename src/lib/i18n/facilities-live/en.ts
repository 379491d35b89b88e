import type { facilitiesLiveZhCN } from './zh-CN.ts';

export const facilitiesLiveEn: Record<keyof typeof facilitiesLiveZhCN, string> = {
  'vacancy.fresh': '{n} · updated {date}',
  'vacancy.stale': 'May have changed: please call to check ({n} on {date})',
  'vacancy.md': '{d} {m}',
  'vacancy.ymd': '{d} {m} {y}',
  'vacancy.months': 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec',
  'filter.vacant': 'Has places',
  'filter.vacantLabel': 'Only with free places (recently reported)',
};
