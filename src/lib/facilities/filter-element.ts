/**
 * <facility-filter>: progressive enhancement of the facility list (and the map's list). Reads the state from the
 * URL, applies it to the server-rendered cards (hide / reorder), writes it back with replaceState, and sorts by
 * distance after the visitor asks (geolocation is opt-in). The search box's words that stand for filters (普惠,
 * 全日托, 秋浦, 1岁2 …) become filters, shown as removable chips. An empty result is never a dead end: each active
 * condition is offered for removal with the count it would give, and when a place is chosen the nearest
 * facilities elsewhere that match everything else are shown with their distance. The state is remembered for the
 * tab, so a detail page's back link (…/facilities/#card-id) returns to the list as it was.
 * After each update it dispatches `facility-filter-change` (detail: the FilterState, bubbling to document) so the
 * map follows. Plain DOM, no framework: the list page's scripts must stay under 5 KB gzip.
 */
import { distanceKm } from '../geo/distance.ts';
import {
  EMPTY_FILTER,
  matchesFilter,
  parseFilter,
  serializeFilter,
  understand,
  type FilterItem,
  type FilterState,
  type Word,
} from './filter.ts';
import type { CareForm, DemonstrationLevel, FacilityType, Ownership } from '../schemas/facility-enums.ts';
import { fill } from '../i18n/fill.ts';

type Key = keyof FilterState;
const CONDITIONS: Key[] = ['q', 'age', 'inclusive', 'vacant', 'form', 'township', 'type', 'own', 'level'];

function itemFromCard(li: HTMLElement): FilterItem {
  const d = li.dataset;
  const lng = Number(d.lng);
  const lat = Number(d.lat);
  // A compact row (FacilityRow.astro) carries no id or search text: its anchor and the name and place it shows.
  const shown = () =>
    `${li.querySelector('a')?.textContent} ${li.querySelector('[data-place]')?.textContent}`;
  return {
    id: d.id ?? li.id.slice(5),
    text: d.text ?? shown().toLowerCase(),
    type: d.type as FacilityType,
    township: d.township ?? '',
    minMonths: d.min ? Number(d.min) : null,
    maxMonths: d.max ? Number(d.max) : null,
    forms: (d.forms ?? '').split(' ').filter(Boolean) as CareForm[],
    inclusive: d.inclusive === '1',
    vacant: d.vacant === '1',
    ownership: (d.own || null) as Ownership | null,
    level: (d.level || null) as DemonstrationLevel | null,
    lngLat: d.lng && d.lat && Number.isFinite(lng) && Number.isFinite(lat) ? [lng, lat] : null,
  };
}

export class FacilityFilter extends HTMLElement {
  private form!: HTMLFormElement;
  private list!: HTMLElement;
  private cards: { li: HTMLElement; item: FilterItem; index: number }[] = [];
  private position: [number, number] | null = null;
  private words: Word[] = [];
  /** which condition came from which word of the search box */
  private fromWords = new Map<string, string>();
  /** the state in effect (search words understood), for the map when it mounts later */
  state: FilterState = EMPTY_FILTER;
  private last: string | null = null;

  connectedCallback() {
    this.form = this.querySelector('form')!;
    this.list = document.getElementById(this.dataset.list!)!;
    this.words = JSON.parse(this.dataset.words ?? '[]') as Word[];
    this.cards = [...this.list.querySelectorAll<HTMLElement>(':scope > li')].map((li, index) => ({
      li,
      item: itemFromCard(li),
      index,
    }));
    // Back from a detail page (…#card-id, no query): the list as it was in this tab.
    const memory = `tuoyu.list${location.pathname}`;
    const back =
      !location.search && location.hash.startsWith('#card-') ? sessionStorage.getItem(memory) : null;
    const initial = new URLSearchParams(
      serializeFilter(parseFilter(new URLSearchParams(back ?? location.search))),
    );
    for (const [k, v] of initial) this.set(k, v);
    const now = () => this.update(memory);
    this.addEventListener('input', now);
    this.addEventListener('change', (e) => {
      now();
      // A single choice made: its sheet closes, showing the list (one tap per filter).
      (e.target as HTMLElement).closest<HTMLElement>('[data-autoclose]:popover-open')?.hidePopover();
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      now();
      (e.target as HTMLElement).querySelector<HTMLElement>(':popover-open')?.hidePopover();
    });
    this.form.addEventListener('reset', () => setTimeout(now));
    // Fresher vacancy figures arrived (src/islands/live-vacancies.ts): 有空位 follows them.
    // Only 有空位 depends on them, so the cards move only while it is chosen.
    document.addEventListener('live-vacancies', () => {
      for (const c of this.cards) c.item.vacant = c.li.dataset.vacant === '1';
      if (this.state.vacant) this.render(this.state);
    });
    this.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-remove],[data-relax-key]');
      if (!b) return;
      const key = b.dataset.relaxKey as Key | undefined;
      const word = b.dataset.remove ?? (key && this.fromWords.get(key));
      const q = this.field('q');
      if (word)
        q.value = q.value
          .replace(new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), ' ')
          .replace(/\s+/g, ' ')
          .trim();
      else if (key === 'q') q.value = [...this.fromWords.values()].join(' ');
      else if (key === 'inclusive') (this.field('inclusive') as HTMLInputElement).checked = false;
      else if (key) this.set(key, '');
      now();
    });
    now();
    if (back) document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'center' });
  }

  /** Sets a field: the search box's text, the 普惠 checkbox, or which chip of a group is chosen ('' = 不限). */
  private set(name: string, value: string) {
    const el = this.form.elements.namedItem(name);
    if (el instanceof RadioNodeList)
      for (const r of el as unknown as Iterable<HTMLInputElement>) r.checked = r.value === value;
    else if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === '1';
    else if (el instanceof HTMLInputElement) el.value = value;
  }

  private field(name: string) {
    return this.form.elements.namedItem(name) as HTMLInputElement;
  }

  private update(memory: string) {
    const raw = new URLSearchParams();
    for (const [k, v] of new FormData(this.form)) if (typeof v === 'string' && v.trim()) raw.set(k, v.trim());
    const query = serializeFilter(parseFilter(raw));
    // A blur after typing fires "change" for the same text: nothing to redo (and re-ordering the cards under a
    // finger would swallow the tap that caused the blur).
    if (raw.toString() === this.last) return;
    this.last = raw.toString();
    history.replaceState(null, '', (query ? `?${query}` : location.pathname) + location.hash);
    sessionStorage.setItem(memory, query);
    for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-query]')) a.search = query;
    // Words in the search box that stand for filters apply unless the form says otherwise.
    const said = understand(raw.get('q') ?? '', this.words);
    this.fromWords.clear();
    said.params.forEach(([k, v], i) => {
      if (raw.has(k)) return;
      raw.set(k, v);
      this.fromWords.set(k, said.words[i]!);
    });
    raw.set('q', said.rest);
    const state = parseFilter(raw);
    this.state = state;
    if (state.sort === 'distance' && !this.position) this.locate(memory);
    this.render(state);
    this.dispatchEvent(
      new CustomEvent<FilterState>('facility-filter-change', { detail: state, bubbles: true }),
    );
  }

  private locate(memory: string) {
    const message = this.querySelector<HTMLElement>('[data-geo-message]')!;
    const fail = () => {
      message.textContent = this.dataset.denied!;
      message.hidden = false;
      this.set('sort', 'name');
      this.update(memory);
    };
    if (!('geolocation' in navigator)) return fail();
    message.textContent = this.dataset.locating!;
    message.hidden = false;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this.position = [pos.coords.longitude, pos.coords.latitude];
        message.hidden = true;
        this.render(this.state);
      },
      fail,
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  }

  /** Words for one condition's value: the form's own option text, so no labels ship twice. */
  private label(key: Key, state: FilterState): string {
    const v = state[key];
    if (v === null || v === false || v === '' || (key === 'sort' && v === 'name')) return '';
    if (key === 'age') return fill(this.dataset.ageTemplate!, { n: v as number });
    if (key === 'inclusive' || key === 'vacant') return this.dataset[`${key}Label`]!;
    if (key === 'q') return v as string;
    const chip = [...this.form.querySelectorAll<HTMLInputElement>(`input[name="${key}"]`)].find(
      (i) => i.value === v,
    );
    return chip?.labels?.[0]?.textContent ?? '';
  }

  private render(state: FilterState) {
    const count = (s: FilterState) => this.cards.filter((c) => matchesFilter(c.item, s)).length;
    const here = state.sort === 'distance' ? this.position : null;
    const rows = this.cards.map((c) => ({
      ...c,
      km: here && c.item.lngLat ? distanceKm(here, c.item.lngLat) : null,
    }));
    if (here) rows.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity) || a.index - b.index);
    let shown = 0;
    for (const row of rows) {
      const visible = matchesFilter(row.item, state);
      row.li.hidden = !visible;
      if (visible) shown++;
      this.distance(row.li, row.km, this.dataset.distanceTemplate!, '');
      this.list.append(row.li);
    }
    this.list.dataset.form = state.form ?? '';
    const total = String(this.cards.length);
    this.querySelector('[data-count]')!.textContent = fill(this.dataset.countTemplate!, { shown, total });
    for (const b of this.querySelectorAll('[data-show-count]'))
      b.textContent = fill(this.dataset.showTemplate!, { n: shown });
    for (const chip of this.querySelectorAll<HTMLElement>('[data-chip]')) {
      const text = chip.dataset
        .chip!.split(' ')
        .map((k) => this.label(k as Key, state))
        .filter(Boolean)
        .join('、');
      chip.textContent = text || chip.dataset.label!;
      chip.classList.toggle('on', !!text);
    }
    for (const c of this.querySelectorAll<HTMLElement>('[data-chip-check]'))
      c.classList.toggle('on', !!state[c.dataset.chipCheck as 'inclusive' | 'vacant']);
    const understood = this.querySelector<HTMLElement>('[data-understood]')!;
    understood.hidden = !this.fromWords.size;
    this.buttons(
      '[data-understood-list]',
      [...this.fromWords.values()].map((word) => [
        `${word} ✕`,
        { remove: word },
        fill(this.dataset.removeTemplate!, { word }),
      ]),
    );
    // No dead end: what each condition's removal would give, and the nearest matches outside the chosen place.
    const deadEnd = this.querySelector<HTMLElement>('[data-dead-end]')!;
    deadEnd.hidden = shown > 0;
    if (shown) return;
    this.buttons(
      '[data-relax]',
      // Only ways out that lead somewhere: a removal that would still give 0 is not offered.
      CONDITIONS.filter((k) => state[k] !== EMPTY_FILTER[k])
        .map((k) => [k, count({ ...state, [k]: EMPTY_FILTER[k] })] as const)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => [
          fill(this.dataset.relaxTemplate!, { label: this.label(k, state), n }),
          { relaxKey: k },
        ]),
    );
    const nearest = this.querySelector<HTMLElement>('[data-nearest]')!;
    nearest.hidden = !state.township;
    if (!state.township) return;
    const place = this.label('township', state);
    const refs = this.position
      ? [this.position]
      : this.cards
          .filter((c) => c.item.township === state.township && c.item.lngLat)
          .map((c) => c.item.lngLat!);
    const near = this.cards
      .filter((c) => c.item.lngLat && refs.length && matchesFilter(c.item, { ...state, township: null }))
      .map((c) => ({ ...c, km: Math.min(...refs.map((r) => distanceKm(r, c.item.lngLat!))) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, 3);
    nearest.textContent = fill(this.dataset.nearestTemplate!, { place, n: near.length });
    const from = this.position ? this.dataset.you! : place;
    near.forEach((c, i) => {
      c.li.hidden = false;
      this.distance(c.li, c.km, this.dataset.distanceFrom!, from);
      this.list.insertBefore(c.li, this.list.children[i] ?? null);
    });
  }

  private distance(li: HTMLElement, km: number | null, template: string, place: string) {
    const el = li.querySelector<HTMLElement>('[data-distance]');
    if (!el) return;
    el.hidden = km === null;
    el.textContent = km === null ? '' : fill(template, { km: km.toFixed(1), place });
  }

  /** Fills a list with buttons; left alone when nothing changed, so a tap that blurs the search box still lands. */
  private buttons(selector: string, items: [text: string, data: Record<string, string>, label?: string][]) {
    const ul = this.querySelector<HTMLElement>(selector)!;
    const key = JSON.stringify(items);
    if (ul.dataset.key === key) return;
    ul.dataset.key = key;
    ul.replaceChildren(
      ...items.map(([text, data, label]) => {
        const li = document.createElement('li');
        const b = li.appendChild(document.createElement('button'));
        b.type = 'button';
        b.textContent = text;
        if (label) b.setAttribute('aria-label', label);
        Object.assign(b.dataset, data);
        return li;
      }),
    );
  }
}
