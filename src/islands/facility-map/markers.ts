/**
 * The facility markers: one focusable button per located facility (styled by type, badged by demonstration
 * level), clustered with leaflet.markercluster. Work is cut into short slices so 10,000 markers never block the
 * main thread for long: markers are created in batches and the cluster group loads in chunks.
 */
import type * as Leaflet from 'leaflet';
import type { LeafletNS } from './leaflet.ts';
import type { Project } from './create-map.ts';
import type { MapLabels } from '../../lib/map/labels.ts';
import type { MapFacility } from '../../lib/map/types.ts';
import { esc, fill } from './html.ts';

const SLICE_MS = 16;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface MarkerOptions {
  labels: MapLabels;
  locale: 'zh-CN' | 'en';
  project: Project;
  /** a marker was activated by pointer (false) or keyboard (true) */
  onOpen: (item: MapFacility, marker: Leaflet.Marker, byKeyboard: boolean) => void;
}

/** The marker size in pixels, as CSS gives it (--fm-size on <facility-map>). */
function markerSize(container: HTMLElement): number {
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;width:var(--fm-size)';
  container.append(probe);
  const px = probe.offsetWidth;
  probe.remove();
  return px || 44;
}

export function displayName(item: MapFacility, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' && item.nameEn ? item.nameEn : item.name;
}

export class FacilityMarkers {
  readonly group: Leaflet.MarkerClusterGroup;
  private readonly byId = new Map<string, { item: MapFacility; marker: Leaflet.Marker }>();
  private near = new Set<string>();
  private running: Promise<void> = Promise.resolve();
  private finishChunk: (() => void) | null = null;

  private readonly L: LeafletNS;
  private readonly map: Leaflet.Map;
  private readonly opts: MarkerOptions;
  /** A marker whose icon is made when it is shown: most of 10,000 markers sit inside clusters and never need one. */
  private readonly Marker: typeof Leaflet.Marker;
  private readonly placeholder: Leaflet.DivIcon;

  constructor(L: LeafletNS, map: Leaflet.Map, opts: MarkerOptions) {
    this.L = L;
    this.map = map;
    this.opts = opts;
    this.placeholder = L.divIcon({ className: 'fm-marker', iconSize: undefined });
    const iconFor = (id: string) => {
      const e = this.byId.get(id);
      return e ? this.icon(e.item) : this.placeholder;
    };
    this.Marker = L.Marker.extend({
      onAdd(this: Leaflet.Marker, m: Leaflet.Map) {
        this.options.icon = iconFor((this.options as { fid?: string }).fid ?? '');
        return L.Marker.prototype.onAdd.call(this, m);
      },
    }) as unknown as typeof Leaflet.Marker;
    this.group = L.markerClusterGroup({
      chunkedLoading: true,
      chunkInterval: SLICE_MS,
      chunkDelay: 1,
      chunkProgress: (done: number, total: number) => done === total && this.finishChunk?.(),
      showCoverageOnHover: false,
      // Markers are var(--target) wide (44 px, 60+ px in large-text mode): cluster wide enough that they do not overlap.
      maxClusterRadius: Math.max(56, Math.round(markerSize(map.getContainer()) * 1.25)),
      spiderfyOnMaxZoom: true,
      animate: map.options.zoomAnimation !== false,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    });
    this.group.on('click', (e) => this.activate(e as Leaflet.LeafletEvent, false));
    this.group.on('keydown', (e) => {
      const key = (e as Leaflet.LeafletKeyboardEvent).originalEvent;
      if (key.key !== 'Enter' && key.key !== ' ') return;
      key.preventDefault(); // also stops the keypress, so Enter does not follow the popup's first link
      this.activate(e as Leaflet.LeafletEvent, true);
    });
    map.addLayer(this.group);
  }

  /** Creates a marker for every located facility, in slices. */
  async build(items: readonly MapFacility[]): Promise<void> {
    let started = performance.now();
    for (const item of items) {
      if (!item.lngLat) continue;
      const options = {
        icon: this.placeholder,
        keyboard: true,
        riseOnHover: true,
        fid: item.id,
      } as Leaflet.MarkerOptions;
      const marker = new this.Marker(this.opts.project(item.lngLat), options);
      this.byId.set(item.id, { item, marker });
      if (performance.now() - started > SLICE_MS) {
        await pause();
        started = performance.now();
      }
    }
  }

  /** Shows exactly these facilities (those without a position are skipped). Calls run one after another. */
  show(ids: readonly string[]): Promise<void> {
    this.running = this.running.then(
      () =>
        new Promise<void>((resolve) => {
          this.finishChunk = resolve;
          this.group.clearLayers();
          const layers = ids.flatMap((id) => this.byId.get(id)?.marker ?? []);
          this.group.addLayers(layers);
        }),
    );
    return this.running;
  }

  entry(id: string) {
    return this.byId.get(id);
  }

  /** Marks the facilities within the chosen distance (yellow ring, "near you" in the label). */
  setNear(ids: ReadonlySet<string>) {
    const changed = [...this.near, ...ids].filter((id) => this.near.has(id) !== ids.has(id));
    this.near = new Set(ids);
    for (const id of new Set(changed)) {
      const e = this.byId.get(id);
      // Markers on the map now get their new icon; the others get it when shown (onAdd).
      if (e && (e.marker as unknown as { _map?: unknown })._map) e.marker.setIcon(this.icon(e.item));
    }
    this.group.refreshClusters();
  }

  /**
   * Zooms until the marker stands alone on screen, then hands it to `then`. Waits for a running zoom first (Leaflet
   * ignores setView during one, and markercluster's zoomToShowLayer can then miss its callback); zoomToShowLayer
   * remains the fallback for facilities at identical positions, which only spiderfying separates.
   */
  reveal(id: string, then: (item: MapFacility, marker: Leaflet.Marker) => void) {
    const e = this.byId.get(id);
    if (!e) return;
    const { map } = this;
    const done = () => then(e.item, e.marker);
    const moving = () => !!(map as unknown as { _animatingZoom?: boolean })._animatingZoom;
    const shown = () =>
      !moving() && !!e.marker.getElement()?.isConnected && map.getBounds().contains(e.marker.getLatLng());
    let frame = 0;
    let issued = -Infinity;
    const step = () => {
      if (shown()) return done();
      if (++frame > 240) return void this.group.zoomToShowLayer(e.marker, done);
      if (!moving() && frame - issued > 45) {
        issued = frame;
        const parentZoom =
          (e.marker as unknown as { __parent?: { _zoom: number } }).__parent?._zoom ?? map.getZoom();
        map.setView(
          e.marker.getLatLng(),
          Math.min(map.getMaxZoom(), Math.max(map.getZoom(), parentZoom + 1)),
        );
      }
      requestAnimationFrame(step);
    };
    step();
  }

  private activate(e: Leaflet.LeafletEvent, byKeyboard: boolean) {
    const marker = (e as unknown as { layer: Leaflet.Marker }).layer;
    const entry = this.byId.get(this.idOf(marker));
    if (entry) this.opts.onOpen(entry.item, marker, byKeyboard);
  }

  private icon(item: MapFacility): Leaflet.DivIcon {
    const { labels, locale } = this.opts;
    const near = this.near.has(item.id);
    const parts = [displayName(item, locale), labels.types[item.type]];
    if (item.level) parts.push(labels.levels[item.level]);
    if (item.inclusive) parts.push(labels.inclusive);
    if (near) parts.push(labels.near);
    const badge = item.level
      ? `<span class="fm-badge" aria-hidden="true">${esc(labels.badges[item.level])}</span>`
      : '';
    return this.L.divIcon({
      className: `fm-marker fm-t-${item.type}${near ? ' fm-near' : ''}${item.level ? ' fm-demo' : ''}`,
      html:
        `<span class="fm-pin" aria-hidden="true" data-fid="${esc(item.id)}">${esc(labels.symbols[item.type])}</span>${badge}` +
        // The name under the pin, shown at close zoom (.fm-labels on the map, see mount.ts).
        `<span class="fm-label" aria-hidden="true">${esc(displayName(item, locale))}</span>` +
        `<span class="visually-hidden">${esc(parts.join(labels.separator))}</span>`,
      iconSize: undefined,
    });
  }

  private clusterIcon(cluster: Leaflet.MarkerCluster): Leaflet.DivIcon {
    const n = cluster.getChildCount();
    const near = this.near.size > 0 && cluster.getAllChildMarkers().some((m) => this.near.has(this.idOf(m)));
    const size = n < 10 ? 's' : n < 100 ? 'm' : 'l';
    return this.L.divIcon({
      className: `fm-cluster fm-cluster-${size}${near ? ' fm-near' : ''}`,
      html: `<span aria-hidden="true" data-count="${n}">${n}</span><span class="visually-hidden">${esc(fill(this.opts.labels.cluster, { n }))}</span>`,
      iconSize: undefined,
    });
  }

  private idOf(marker: Leaflet.Marker): string {
    return (marker.options as { fid?: string }).fid ?? '';
  }
}
