/**
 * <facility-filter>: progressive enhancement of the facility list. Reads the state from the URL, applies it to
 * the server-rendered cards (hide / reorder), writes it back with replaceState, and sorts by distance after the
 * visitor asks (geolocation is opt-in). After each update it dispatches `facility-filter-change` (detail: the
 * FilterState, bubbling to document) so the map follows. Plain DOM, no framework: it must stay under 5 KB gzip.
 */
import { distanceKm } from '../geo/distance.ts';
import { matchesFilter, usesMoreThanSearch, parseFilter, serializeFilter, type FilterItem, type FilterState } from './filter.ts';
import type { CareForm, DemonstrationLevel, FacilityType } from '../schemas/facility-enums.ts';

function itemFromCard(li: HTMLElement): FilterItem {
  const d = li.dataset;
  const lng = Number(d.lng);
  const lat = Number(d.lat);
  return {
    id: d.id ?? '',
    text: d.text ?? '',
    type: d.type as FacilityType,
    township: d.township ?? '',
    minMonths: d.min ? Number(d.min) : null,
    maxMonths: d.max ? Number(d.max) : null,
    forms: (d.forms ?? '').split(' ').filter(Boolean) as CareForm[],
    inclusive: d.inclusive === '1',
    level: (d.level || null) as DemonstrationLevel | null,
    lngLat: d.lng && d.lat && Number.isFinite(lng) && Number.isFinite(lat) ? [lng, lat] : null,
  };
}

export class FacilityFilter extends HTMLElement {
  private form!: HTMLFormElement;
  private list!: HTMLElement;
  private cards: { li: HTMLElement; item: FilterItem; index: number }[] = [];
  private position: [number, number] | null = null;

  connectedCallback() {
    this.form = this.querySelector('form')!;
    this.list = document.getElementById(this.dataset.list!)!;
    this.cards = [...this.list.querySelectorAll<HTMLElement>(':scope > li')].map((li, index) => ({ li, item: itemFromCard(li), index }));
    const initial = parseFilter(new URLSearchParams(location.search));
    this.writeForm(initial);
    // Open the extra filters when a shared link already uses them.
    if (usesMoreThanSearch(initial)) this.querySelector('details')?.setAttribute('open', '');
    this.form.addEventListener('input', () => this.update());
    this.form.addEventListener('change', () => this.update());
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.update();
    });
    this.form.addEventListener('reset', () => setTimeout(() => this.update()));
    this.update();
  }

  private readForm(): FilterState {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(this.form)) if (typeof v === 'string' && v) params.set(k, v);
    return parseFilter(params);
  }

  private writeForm(s: FilterState) {
    const el = this.form.elements;
    const set = (name: string, value: string) => ((el.namedItem(name) as HTMLInputElement).value = value);
    set('q', s.q);
    set('type', s.type ?? '');
    set('township', s.township ?? '');
    set('age', s.age === null ? '' : String(s.age));
    set('form', s.form ?? '');
    set('level', s.level ?? '');
    set('sort', s.sort);
    (el.namedItem('inclusive') as HTMLInputElement).checked = s.inclusive;
  }

  private update() {
    const state = this.readForm();
    const query = serializeFilter(state);
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    if (state.sort === 'distance' && !this.position) this.locate();
    this.render(state);
    // The map (and anything else) follows the same state.
    this.dispatchEvent(new CustomEvent<FilterState>('facility-filter-change', { detail: state, bubbles: true }));
  }

  private locate() {
    const message = this.querySelector<HTMLElement>('[data-geo-message]')!;
    const fail = () => {
      message.textContent = this.dataset.denied!;
      message.hidden = false;
      (this.form.elements.namedItem('sort') as HTMLSelectElement).value = 'name';
      this.update();
    };
    if (!('geolocation' in navigator)) return fail();
    message.textContent = this.dataset.locating!;
    message.hidden = false;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this.position = [pos.coords.longitude, pos.coords.latitude];
        message.hidden = true;
        this.render(this.readForm());
      },
      fail,
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  }

  private render(state: FilterState) {
    const here = state.sort === 'distance' ? this.position : null;
    const rows = this.cards.map((c) => ({ ...c, km: here && c.item.lngLat ? distanceKm(here, c.item.lngLat) : null }));
    if (here) rows.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity) || a.index - b.index);
    let shown = 0;
    for (const row of rows) {
      const visible = matchesFilter(row.item, state);
      row.li.hidden = !visible;
      if (visible) shown++;
      const distance = row.li.querySelector<HTMLElement>('[data-distance]');
      if (distance) {
        distance.hidden = row.km === null;
        distance.textContent = row.km === null ? '' : this.dataset.distanceTemplate!.replace('{km}', row.km.toFixed(1));
      }
      this.list.append(row.li);
    }
    const total = String(this.cards.length);
    this.querySelector('[data-count]')!.textContent = this.dataset.countTemplate!.replace('{shown}', String(shown)).replace('{total}', total);
    document.getElementById(this.dataset.empty!)!.hidden = shown > 0;
  }
}
