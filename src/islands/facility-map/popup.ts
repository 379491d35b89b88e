/**
 * The one popup of the map: name (a link to the detail page), type, level, ages, places, distance when "near
 * me" is on, and navigation links (made here, in each app's coordinate system, by lib/geo/navigation.ts, which
 * loads with gcoord after the markers are drawn). Opened from the keyboard it takes the focus; Escape or "Close"
 * gives the focus back to the marker. On narrow screens and in large text it is a bottom sheet instead of a
 * bubble (a bubble there is cut off); it closes when the visitor (or "near me") moves or zooms the map.
 */
import type * as Leaflet from 'leaflet';
import type { LeafletNS } from './leaflet.ts';
import type { MapLabels } from '../../lib/map/labels.ts';
import type { MapFacility } from '../../lib/map/types.ts';
import type { NavigationLinks, NavigationOrigin } from '../../lib/geo/navigation.ts';
import { displayName } from './markers.ts';
import { esc, fill } from './html.ts';
import { vacancyWords } from '../../lib/facilities/freshness.ts';

type MakeLinks = (wgs: [number, number], name: string, origin: NavigationOrigin) => NavigationLinks;
let navigation: Promise<MakeLinks> | null = null;
/** Loads the navigation-link maker once; the map calls it early so the first popup does not wait. */
export function loadNavigation(): Promise<MakeLinks> {
  navigation ??= import('../../lib/geo/navigation.ts').then((m) => m.navigationLinks);
  return navigation;
}

export interface PopupContext {
  labels: MapLabels;
  locale: 'zh-CN' | 'en';
  /** km from the visitor, when known */
  distanceKm: (item: MapFacility) => number | null;
}

export function popupHtml(item: MapFacility, ctx: PopupContext, nav: NavigationLinks | null): string {
  const { labels: w, locale } = ctx;
  const facts = [w.types[item.type]];
  if (item.level) facts.push(w.levels[item.level]);
  if (item.inclusive) facts.push(w.inclusive);
  const ages = item.ages ? fill(w.monthsRange, { min: item.ages[0], max: item.ages[1] }) : w.unverified;
  const places = item.places === null ? w.notProvided : String(item.places);
  const vac = item.vac
    ? vacancyWords(item.vac[0], item.vac[1], w.vacancy.now, w.vacancy.words)
    : { text: w.notProvided, stale: false };
  const km = ctx.distanceKm(item);
  const apps = ['amap', 'baidu', 'tencent'] as const;
  // One tap to call (the facility, or a true number to ask) and one tap to route (AMap), right under the name.
  const tel = item.phone ?? w.askNumber.display;
  const telHref = item.phone ? item.phone.replace(/[^\d+]/g, '') : w.askNumber.tel;
  const call =
    `<a class="button call" href="tel:${esc(telHref)}" data-call="${item.phone ? 'facility' : 'ask'}">` +
    `${esc(item.phone ? w.call : w.ask)} <span class="fm-nowrap">${esc(tel)}</span></a>`;
  const route = nav
    ? `<a class="button secondary" href="${esc(nav.amap)}" rel="noopener" data-nav="amap">${esc(w.route)}</a>`
    : '';
  return (
    `<p class="fm-title"><a href="${esc(item.paths[locale])}">${esc(displayName(item, locale))}</a></p>` +
    `<p class="fm-actions">${call}${route}</p>` +
    (item.phone ? '' : `<p class="fm-no-phone">${esc(item.demo ? w.noPhoneDemo : w.noPhone)}</p>`) +
    `<p>${esc(facts.join(w.separator))}</p>` +
    `<p>${esc(fill(w.ages, { value: ages }))}</p>` +
    `<p>${esc(fill(w.places, { value: places }))}</p>` +
    `<p class="fm-vac"${vac.stale ? ' data-stale' : ''}>${esc(fill(w.vacancies, { value: vac.text }))}</p>` +
    (km === null
      ? ''
      : `<p class="fm-distance" data-distance>${esc(fill(w.distance, { km: km.toFixed(1) }))}</p>`) +
    (nav
      ? `<p class="fm-nav">${esc(w.navigate)} ${apps.map((a) => `<a href="${esc(nav[a])}" rel="noopener">${esc(w.apps[a])}</a>`).join(' ')}</p>`
      : '') +
    `<button type="button" class="fm-close secondary" data-close>${esc(w.close)}</button>`
  );
}

export class FacilityPopup {
  private readonly popup: Leaflet.Popup;
  private readonly map: Leaflet.Map;
  private readonly ctx: PopupContext;
  private returnTo: HTMLElement | null = null;
  private sheet: HTMLElement | null = null;

  constructor(L: LeafletNS, map: Leaflet.Map, ctx: PopupContext) {
    this.map = map;
    this.ctx = ctx;
    // A popup left open while the map moves ends up half off-screen: moving or zooming closes it.
    map.on('dragstart zoomstart', () => this.close());
    this.popup = L.popup({
      closeButton: false,
      autoPanPadding: L.point(16, 16),
      maxWidth: 300,
      minWidth: 200,
      className: 'fm-popup',
    });
    map.on('popupclose', () => {
      const back = this.returnTo;
      this.returnTo = null;
      if (back?.isConnected && this.popupHasFocus()) back.focus();
    });
  }

  async open(item: MapFacility, marker: Leaflet.Marker, byKeyboard: boolean) {
    const makeLinks = item.lngLat ? await loadNavigation().catch(() => null) : null;
    const icon = marker.getElement();
    const content = document.createElement('div');
    content.className = 'fm-popup-body';
    content.dataset.id = item.id;
    content.innerHTML = popupHtml(
      item,
      this.ctx,
      makeLinks && item.lngLat ? makeLinks(item.lngLat, item.name, this.ctx.labels.navOrigin) : null,
    );
    content.querySelector('[data-close]')!.addEventListener('click', () => this.close());
    content.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      this.close();
    });
    if (matchMedia('(max-width: 40rem)').matches || document.documentElement.dataset.text === 'large') {
      this.close();
      const sheet = document.createElement('div');
      this.sheet = sheet;
      sheet.className = 'fm-sheet fm-popup-sheet';
      sheet.setAttribute('role', 'dialog');
      sheet.setAttribute('aria-label', displayName(item, this.ctx.locale));
      sheet.append(content);
      this.map.getContainer().after(sheet);
      this.returnTo = icon ?? null;
      if (byKeyboard) content.querySelector('a')?.focus();
      return;
    }
    this.fitToControls(icon);
    this.popup.setLatLng(marker.getLatLng()).setContent(content).openOn(this.map);
    this.returnTo = icon ?? null;
    if (byKeyboard) content.querySelector('a')?.focus();
  }

  /** Closing gives the focus back to the marker when it was in the popup (see the popupclose handler). */
  close() {
    const sheet = this.sheet;
    if (sheet) {
      this.sheet = null;
      const hadFocus = sheet.contains(document.activeElement);
      sheet.remove();
      const back = this.returnTo;
      this.returnTo = null;
      if (hadFocus && back?.isConnected) back.focus();
    }
    this.map.closePopup(this.popup);
  }

  /** Keeps the popup clear of the zoom buttons and the attribution, and narrow enough for a 360 px phone. */
  private fitToControls(icon: HTMLElement | undefined) {
    const container = this.map.getContainer();
    const zoom = container.querySelector<HTMLElement>('.leaflet-control-zoom');
    const attribution = container.querySelector<HTMLElement>('.leaflet-control-attribution');
    const left = zoom ? zoom.offsetLeft + zoom.offsetWidth + 8 : 8;
    const bottom = (attribution?.offsetHeight ?? 0) + 8;
    const o = this.popup.options;
    o.offset = [0, -Math.round((icon?.offsetHeight ?? 0) / 2)];
    o.autoPanPaddingTopLeft = [left, 8];
    o.autoPanPaddingBottomRight = [8, bottom];
    o.maxWidth = Math.max(160, Math.min(300, container.clientWidth - left - 40));
    o.minWidth = Math.min(200, o.maxWidth);
    // Taller than the map (large text on a phone): the content scrolls, its links stay reachable by Tab.
    o.maxHeight = Math.max(160, container.clientHeight - bottom - 56);
  }

  private popupHasFocus(): boolean {
    const el = this.popup.getElement();
    return !!el && (el.contains(document.activeElement) || document.activeElement === document.body);
  }
}
