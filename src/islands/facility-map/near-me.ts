/**
 * "Near me", opt-in: asks for the position only when the visitor presses the button, then shows a "my position"
 * marker and a 1 / 3 / 5 / 10 km circle (or, for 全区, every match), rings the facilities inside it and lists them nearest first. A refusal or a
 * missing geolocation API gives a polite message, never an error. The position stays on the device.
 */
import type * as Leaflet from 'leaflet';
import type { LeafletNS } from './leaflet.ts';
import type { Project } from './create-map.ts';
import type { MapLabels } from '../../lib/map/labels.ts';
import type { MapFacility } from '../../lib/map/types.ts';
import { nearby } from '../../lib/map/nearby.ts';
import { distanceKm } from '../../lib/geo/distance.ts';
import { displayName } from './markers.ts';
import { esc, fill } from './html.ts';

export interface NearMeOptions {
  labels: MapLabels;
  locale: 'zh-CN' | 'en';
  project: Project;
  /** the facilities the filters currently show */
  visible: () => readonly MapFacility[];
  /** rings these facility ids on the map */
  highlight: (ids: ReadonlySet<string>) => void;
  /** zooms to a facility and opens its popup */
  show: (id: string) => void;
}

export class NearMe {
  here: [number, number] | null = null;
  private readonly L: LeafletNS;
  private readonly map: Leaflet.Map;
  private readonly host: HTMLElement;
  private readonly opts: NearMeOptions;
  private layer: Leaflet.LayerGroup;

  constructor(L: LeafletNS, map: Leaflet.Map, host: HTMLElement, opts: NearMeOptions) {
    this.L = L;
    this.map = map;
    this.host = host;
    this.opts = opts;
    this.layer = L.layerGroup().addTo(map);
    this.radiusSelect()?.addEventListener('change', () => this.here && this.refresh(true));
    this.list()?.addEventListener('click', (e) => {
      const id = (e.target as HTMLElement).closest<HTMLElement>('[data-show]')?.dataset.show;
      if (id) opts.show(id);
    });
  }

  distanceTo(item: MapFacility): number | null {
    return this.here && item.lngLat ? distanceKm(this.here, item.lngLat) : null;
  }

  locate() {
    const fail = () => this.say(this.opts.labels.denied);
    const geo = 'geolocation' in navigator ? navigator.geolocation : null;
    if (!geo) return fail();
    this.say(this.opts.labels.locating);
    try {
      geo.getCurrentPosition((pos) => this.setPosition([pos.coords.longitude, pos.coords.latitude]), fail, {
        enableHighAccuracy: false,
        timeout: 15000,
        maximumAge: 300000,
      });
    } catch {
      fail();
    }
  }

  setPosition(here: [number, number]) {
    this.here = here;
    this.refresh(true);
  }

  /** Recomputes the ring and the list (after a new position, radius or filter). */
  refresh(fit = false) {
    if (!this.here) return;
    const { L, opts } = this;
    const radius = Number(this.radiusSelect()?.value ?? 3);
    const found = nearby(opts.visible(), this.here, radius);
    const centre = opts.project(this.here);
    this.layer.clearLayers();
    const circle = radius
      ? L.circle(centre, {
          radius: radius * 1000,
          interactive: false,
          color: '#8a4b00',
          weight: 2,
          fillOpacity: 0.06,
        })
      : null;
    if (circle) this.layer.addLayer(circle);
    const me = L.divIcon({
      className: 'fm-me',
      html: `<span class="visually-hidden">${esc(opts.labels.me)}</span>`,
      iconSize: undefined,
    });
    this.layer.addLayer(
      L.marker(centre, { icon: me, interactive: false, keyboard: false, zIndexOffset: 1000 }),
    );
    opts.highlight(new Set(found.map((f) => f.item.id)));
    const bounds =
      circle?.getBounds() ??
      L.latLngBounds([centre, ...found.slice(0, 5).map((f) => opts.project(f.item.lngLat!))]);
    if (fit) this.map.fitBounds(bounds, { padding: [12, 12], maxZoom: 16 });
    const words = found.length
      ? radius
        ? opts.labels.found
        : opts.labels.foundAll
      : radius
        ? opts.labels.none
        : opts.labels.noneAnywhere;
    this.say(fill(words, { n: found.length, radius }));
    const list = this.list();
    if (!list) return;
    list.innerHTML = found
      .map(
        ({ item, km }) =>
          `<li data-id="${esc(item.id)}"><button type="button" class="fm-link" data-show="${esc(item.id)}">${esc(displayName(item, opts.locale))}</button>` +
          ` <span class="muted">${esc(fill(opts.labels.distance, { km: km.toFixed(1) }))}</span></li>`,
      )
      .join('');
    list.hidden = found.length === 0;
  }

  private say(text: string) {
    const status = this.host.querySelector<HTMLElement>('[data-near-status]');
    if (!status) return;
    status.textContent = text;
  }

  private radiusSelect() {
    return this.host.querySelector<HTMLSelectElement>('[data-near-radius]');
  }

  private list() {
    return this.host.querySelector<HTMLElement>('[data-near-list]');
  }
}
