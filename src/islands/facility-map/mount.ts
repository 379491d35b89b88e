/**
 * The map island, loaded by <facility-map> when the map nears the viewport: Leaflet, the outline, the clustered
 * markers, the popup and "near me", following the list's filters (`facility-filter-change`) and the URL.
 */
import type * as Leaflet from 'leaflet';
import { loadLeaflet } from './leaflet.ts';
import { readConfig } from './config.ts';
import { createMap, drawOutline, FIT_PADDING, type Project } from './create-map.ts';
import { FacilityMarkers } from './markers.ts';
import { FacilityPopup, loadNavigation } from './popup.ts';
import { NearMe } from './near-me.ts';
import { fill } from './html.ts';
import {
  matchesFilter,
  parseFilter,
  type FilterItem,
  type FilterState,
} from '../../lib/facilities/filter.ts';
import { toFilterItem, type DistrictOutline, type MapData, type MapFacility } from '../../lib/map/types.ts';
import type { Datum } from '../../lib/map/base-layers.ts';

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function projector(datum: Datum): Promise<Project> {
  if (datum === 'wgs84') return ([lng, lat]) => [lat, lng];
  const { wgs84ToGcj02 } = await import('../../lib/geo/coords.ts');
  return (p) => {
    const [lng, lat] = wgs84ToGcj02(p);
    return [lat, lng];
  };
}

export interface MountedMap {
  map: Leaflet.Map;
  locate(): void;
}

export async function mountMap(host: HTMLElement): Promise<MountedMap> {
  const cfg = readConfig(host);
  // The list's filter element knows the state in effect (search words understood); the URL is the fallback.
  let state: FilterState =
    (document.querySelector('facility-filter') as (HTMLElement & { state?: FilterState }) | null)?.state ??
    parseFilter(new URLSearchParams(location.search));
  let onFilter: (s: FilterState) => void = (s) => (state = s);
  document.addEventListener('facility-filter-change', (e) =>
    onFilter((e as CustomEvent<FilterState>).detail),
  );

  const [L, data, outline, project] = await Promise.all([
    loadLeaflet(),
    json<MapData>(cfg.dataUrl),
    json<DistrictOutline>(cfg.outlineUrl),
    projector(cfg.spec.datum),
  ]);
  performance.mark('facility-map:loaded'); // Leaflet, data and outline are in
  const canvas = host.querySelector<HTMLElement>('[data-canvas]')!;
  canvas.replaceChildren();
  const map = createMap(L, canvas, cfg);
  drawOutline(L, map, outline, project, cfg.spec.tiles.length === 0);

  const focus = /^#f=([\w-]+)$/.exec(location.hash)?.[1] ?? null;
  // The view is kept in the URL (#map=zoom/lat/lng), so Back from a facility returns to it.
  const saved = /^#map=(\d{1,2})\/(-?\d{1,3}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/.exec(location.hash);
  if (saved) map.setView([Number(saved[2]), Number(saved[3])], Number(saved[1]), { animate: false });
  const keepView = () => {
    const c = map.getCenter();
    const hash = `#map=${map.getZoom()}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`;
    history.replaceState(history.state, '', location.pathname + location.search + hash);
  };
  const items: { item: MapFacility; filter: FilterItem }[] = data.facilities.map((item) => ({
    item,
    filter: toFilterItem(item),
  }));
  let visible: MapFacility[] = [];
  const near: { current: NearMe | null } = { current: null };
  const popup = new FacilityPopup(L, map, {
    labels: cfg.labels,
    locale: cfg.locale,
    distanceKm: (item) => near.current?.distanceTo(item) ?? null,
  });
  const markers = new FacilityMarkers(L, map, {
    labels: cfg.labels,
    locale: cfg.locale,
    project,
    onOpen: (item, marker, byKeyboard) => void popup.open(item, marker, byKeyboard),
  });
  near.current = new NearMe(L, map, host, {
    labels: cfg.labels,
    locale: cfg.locale,
    project,
    visible: () => visible,
    highlight: (ids) => markers.setNear(ids),
    show: (id) => markers.reveal(id, (item, marker) => void popup.open(item, marker, true)),
  });
  await markers.build(data.facilities);
  performance.mark('facility-map:built');

  // Names under the pins once the map is close enough to read them.
  const labelZoom = () => canvas.classList.toggle('fm-labels', map.getZoom() >= 15);
  map.on('zoomend', labelZoom);
  labelZoom();

  let first = true;
  const apply = async (s: FilterState) => {
    const matching = items.filter((x) => matchesFilter(x.filter, s)).map((x) => x.item);
    visible = matching.filter((f) => f.lngLat);
    const unlocated = new Set(matching.filter((f) => !f.lngLat).map((f) => f.id));
    await markers.show(visible.map((f) => f.id));
    // The view follows the filters: fitted to what they show (the whole district when nothing is filtered).
    const filtered = Object.entries(s).some(
      ([k, v]) => k !== 'sort' && v !== null && v !== false && v !== '',
    );
    if (visible.length && filtered && !(first && (focus || saved)) && !near.current?.here) {
      map.fitBounds(L.latLngBounds(visible.map((f) => project(f.lngLat!))), { ...FIT_PADDING, maxZoom: 15 });
    }
    first = false;
    const status = host.querySelector('[data-map-status]');
    const words = unlocated.size ? cfg.labels.status : cfg.labels.statusAll;
    if (status) status.textContent = fill(words, { shown: visible.length, missing: unlocated.size });
    const section = host.querySelector<HTMLElement>('[data-unlocated]');
    for (const li of section?.querySelectorAll<HTMLElement>('li[data-id]') ?? [])
      li.hidden = !unlocated.has(li.dataset.id!);
    if (section) section.hidden = unlocated.size === 0;
    near.current?.refresh();
  };
  // Typing in the search box changes the state on every key: apply only the newest state, one at a time.
  let busy: Promise<void> | null = null;
  const follow = () =>
    (busy ??= (async () => {
      for (let s = state; ; s = state) {
        await apply(s);
        if (s === state) break;
      }
      busy = null;
    })());
  onFilter = (s) => {
    state = s;
    void follow();
  };
  await follow();
  performance.mark('facility-map:drawn');
  // "在地图上查看" from a detail page: /map/#f=<id> opens that facility.
  if (focus) markers.reveal(focus, (item, marker) => void popup.open(item, marker, false));
  void loadNavigation().then(
    () => (host.dataset.state = 'ready'),
    () => (host.dataset.state = 'ready'),
  );

  map.on('moveend', keepView);
  new ResizeObserver(() => map.invalidateSize()).observe(canvas);
  Object.assign(host, { leafletMap: map });
  return { map, locate: () => near.current?.locate() };
}
