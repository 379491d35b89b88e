/**
 * The district's own words for the dictionaries: `{district}`, `{app}`, `{owner}`, `{commission}` and `{city}` in
 * any string are filled from the selected district (src/districts/) when the dictionary is read on the server, so
 * no dictionary names a district and islands receive finished strings.
 */
import { DISTRICT } from '../../districts/index.ts';
import type { District } from '../../districts/schema.ts';
import { fill } from './fill.ts';

type Locale = 'zh-CN' | 'en';

/** 贵池区 / Guichi District, 贵池托育服务 / Guichi Childcare, … */
export function districtWords(locale: Locale, d: District = DISTRICT): Record<string, string> {
  const zh = locale === 'zh-CN';
  return {
    district: zh ? d.name : d.name_en,
    app: d.app.name[locale],
    owner: d.app.owner[locale],
    commission: zh ? `${d.name}卫生健康委员会` : `${d.name_en} Health Commission`,
    city: zh ? d.parent.name : d.parent.name_en,
  };
}

export { fill };
