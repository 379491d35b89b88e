/** What the server put on <facility-map data-*>: base map, words, data URLs. */
import { baseSpec, type BaseSpec } from '../../lib/map/base-layers.ts';
import type { MapLabels } from '../../lib/map/labels.ts';

export interface MapConfig {
  spec: BaseSpec;
  /** 审图号, shown with the attribution when configured */
  approvalNo: string;
  locale: 'zh-CN' | 'en';
  labels: MapLabels;
  dataUrl: string;
  outlineUrl: string;
}

export function readConfig(host: HTMLElement): MapConfig {
  const d = host.dataset;
  return {
    spec: baseSpec(d.base, d.tiandituKey),
    approvalNo: d.approvalNo ?? '',
    locale: d.locale === 'en' ? 'en' : 'zh-CN',
    labels: JSON.parse(d.labels ?? '{}') as MapLabels,
    dataUrl: d.src ?? '/data/map-facilities.json',
    outlineUrl: d.outline ?? '/data/district-outline.json',
  };
}
