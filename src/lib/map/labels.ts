/**
 * The words the map island needs, in one locale, handed to the browser as JSON on <facility-map data-labels>.
 * Templates keep their {placeholders}; the island fills them with `fill()`.
 */
import {
  DEMONSTRATION_LEVELS,
  FACILITY_TYPES,
  type DemonstrationLevel,
  type FacilityType,
} from '../schemas/facility-enums.ts';
import type { Translate } from '../i18n/index.ts';
import type { MapBase } from './base-layers.ts';
import type { PhoneNumber } from '../contact/numbers.ts';
import type { NavigationOrigin } from '../geo/navigation.ts';
import type { Freshness, VacancyWords } from '../facilities/freshness.ts';

export interface MapLabels {
  types: Record<FacilityType, string>;
  symbols: Record<FacilityType, string>;
  levels: Record<DemonstrationLevel, string>;
  badges: Record<DemonstrationLevel, string>;
  inclusive: string;
  separator: string;
  near: string;
  cluster: string;
  close: string;
  ages: string;
  monthsRange: string;
  places: string;
  /** '空余托位：{value}', the figure's words and the build's day (lib/facilities/freshness.ts) */
  vacancies: string;
  vacancy: { words: VacancyWords; now: Freshness };
  notProvided: string;
  unverified: string;
  navigate: string;
  /** the popup's one-tap buttons: 电话 (the facility's number), 导航 (AMap) */
  call: string;
  route: string;
  /** for a facility without a number: the button's word, the true number to offer, and why */
  ask: string;
  /** for the popups' navigation links (NAV_ORIGIN) */
  navOrigin: NavigationOrigin;
  askNumber: PhoneNumber;
  noPhoneDemo: string;
  noPhone: string;
  apps: { amap: string; baidu: string; tencent: string };
  distance: string;
  zoomIn: string;
  zoomOut: string;
  status: string;
  statusAll: string;
  loadFailed: string;
  locating: string;
  denied: string;
  found: string;
  none: string;
  me: string;
  attribution: Record<MapBase | 'outline', string>;
  /** the map engine's credit, in the page's language */
  engine: string;
  approval: string;
  /** the last resort when nothing is within any radius: the whole district */
  noneAnywhere: string;
  foundAll: string;
}

/** `ask`: the number offered where a facility has none (src/lib/contact/: consultation number or 12345). */
export function mapLabels(
  t: Translate,
  ask: PhoneNumber,
  navOrigin: NavigationOrigin,
  vacancy: MapLabels['vacancy'],
): MapLabels {
  const byType = (prefix: 'type' | 'map.symbol') =>
    Object.fromEntries(FACILITY_TYPES.map((v) => [v, t(`${prefix}.${v}`)])) as Record<FacilityType, string>;
  const byLevel = (prefix: 'demo.level' | 'map.badge') =>
    Object.fromEntries(DEMONSTRATION_LEVELS.map((v) => [v, t(`${prefix}.${v}`)])) as Record<
      DemonstrationLevel,
      string
    >;
  return {
    navOrigin,
    types: byType('type'),
    symbols: byType('map.symbol'),
    levels: byLevel('demo.level'),
    badges: byLevel('map.badge'),
    inclusive: t('inclusive.yes'),
    separator: t('map.separator'),
    near: t('map.marker.near'),
    cluster: t('map.cluster'),
    close: t('map.popup.close'),
    ages: t('map.popup.ages'),
    monthsRange: t('common.monthsRange'),
    places: t('map.popup.places'),
    vacancies: t('common.labelValue', { label: t('field.vacancies'), value: '{value}' }),
    vacancy,
    notProvided: t('common.notProvided'),
    unverified: t('common.unverified'),
    navigate: t('map.popup.navigate'),
    call: t('act.call'),
    route: t('act.navigate'),
    ask: t('act.ask'),
    askNumber: ask,
    noPhoneDemo: t('act.noPhoneDemo'),
    noPhone: t('act.noPhoneMissing'),
    apps: { amap: t('detail.amap'), baidu: t('detail.baidu'), tencent: t('detail.tencent') },
    distance: t('map.near.distance'),
    zoomIn: t('map.zoomIn'),
    zoomOut: t('map.zoomOut'),
    status: t('map.status'),
    statusAll: t('map.statusAll'),
    loadFailed: t('map.loadFailed'),
    locating: t('map.near.locating'),
    denied: t('map.near.denied'),
    found: t('map.near.found'),
    none: t('map.near.none'),
    me: t('map.near.me'),
    attribution: {
      outline: t('map.attribution.outline'),
      none: '',
      osm: t('map.attribution.osm'),
      tianditu: t('map.attribution.tianditu'),
      amap: t('map.attribution.amap'),
    },
    engine: t('map.attribution.engine'),
    approval: t('map.approvalNo'),
    noneAnywhere: t('map.near.noneAnywhere'),
    foundAll: t('map.near.foundAll'),
  };
}
