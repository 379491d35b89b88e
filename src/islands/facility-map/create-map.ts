/**
 * The Leaflet map itself: controls with translated labels, the configured base tiles (if any), the attribution
 * with the 审图号, and the district outline, which is drawn on every map so it is useful without tiles.
 */
import type * as Leaflet from 'leaflet';
import type { LeafletNS } from './leaflet.ts';
import type { MapConfig } from './config.ts';
import type { DistrictOutline } from '../../lib/map/types.ts';
import { esc, fill } from './html.ts';

/** Draws a WGS-84 [lng, lat] in the base map's datum, as a Leaflet [lat, lng]. */
export type Project = (p: [number, number]) => [number, number];

const ATTRIBUTION_LINKS: Record<string, string> = {
  osm: 'https://www.openstreetmap.org/copyright',
  tianditu: 'https://www.tianditu.gov.cn/',
  amap: 'https://www.amap.com/',
};

/** Fitting the view keeps the pins clear of the zoom buttons (top right, about 3.5 rem wide): a column on the right
 * is left free of pins. */
export const FIT_PADDING = { paddingTopLeft: [24, 24], paddingBottomRight: [80, 24] } as {
  paddingTopLeft: [number, number];
  paddingBottomRight: [number, number];
};

export function createMap(L: LeafletNS, canvas: HTMLElement, cfg: MapConfig): Leaflet.Map {
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(canvas, {
    zoomControl: false,
    attributionControl: false,
    minZoom: 7,
    maxZoom: 18,
    zoomAnimation: !reduceMotion,
    fadeAnimation: !reduceMotion,
    markerZoomAnimation: !reduceMotion,
  });
  // Top right (in the first screen of a phone, where the map's bottom may be below the fold), in a column the
  // fitted view keeps free of pins (FIT_PADDING).
  L.control
    .zoom({ position: 'topright', zoomInTitle: cfg.labels.zoomIn, zoomOutTitle: cfg.labels.zoomOut })
    .addTo(map);
  const attribution = L.control
    .attribution({ prefix: `<a href="https://leafletjs.com" lang="en">Leaflet</a>` })
    .addTo(map);
  const { base, tiles } = cfg.spec;
  const words = cfg.labels.attribution;
  if (base !== 'none')
    attribution.addAttribution(`<a href="${ATTRIBUTION_LINKS[base]}">${esc(words[base])}</a>`);
  if (cfg.approvalNo) attribution.addAttribution(esc(fill(cfg.labels.approval, { no: cfg.approvalNo })));
  attribution.addAttribution(esc(words.outline));
  attribution.setPrefix(`${esc(cfg.labels.engine)}<a href="https://leafletjs.com" lang="en">Leaflet</a>`);
  for (const t of tiles) {
    L.tileLayer(t.url, {
      subdomains: t.subdomains,
      maxNativeZoom: t.maxNativeZoom,
      maxZoom: 18,
      className: 'fm-tiles',
    }).addTo(map);
  }
  return map;
}

/** The district outline; the map is fitted to it. Without tiles the district is filled so it reads as land. */
export function drawOutline(
  L: LeafletNS,
  map: Leaflet.Map,
  outline: DistrictOutline,
  project: Project,
  plain: boolean,
): Leaflet.Polygon {
  const latLngs = outline.coordinates.map((polygon) => polygon.map((ring) => ring.map(project)));
  const polygon = L.polygon(latLngs, {
    interactive: false,
    color: '#0b5cad',
    weight: 3,
    fillColor: plain ? '#ffffff' : '#0b5cad',
    fillOpacity: plain ? 0.9 : 0.04,
  }).addTo(map);
  map.fitBounds(polygon.getBounds(), FIT_PADDING);
  return polygon;
}
