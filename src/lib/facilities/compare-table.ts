/**
 * Builds the comparison from the JSON the compare page embeds and the `?id=` choices in the URL: a side-by-side
 * table for wide screens; on narrow screens and in large text, two facilities as two aligned columns (each row's
 * label above its two values) and three as one stacked card each (CSS shows one form, so assistive technology
 * meets only the one on screen). Rows end with 距离 (after the visitor taps "how far", from her position, which
 * stays on the device), 电话 and 导航.
 */
import { distanceKm } from '../geo/distance.ts';

interface Call {
  text: string;
  tel: string;
  /** why this is not the facility's own number; '' when it is */
  note: string;
}
interface Item {
  name: string;
  href: string;
  values: string[];
  lngLat: [number, number] | null;
  call: Call;
  route: string | null;
}
interface CompareData {
  labels: string[];
  items: Record<string, Item>;
  field: string;
  tooFew: string;
  tooMany: string;
  distance: string;
  phone: string;
  navigate: string;
  navigateApp: string;
  noLocation: string;
  distanceHint: string;
  km: string;
  locating: string;
  located: string;
  locateFailed: string;
}

export const MAX_COMPARED = 3;

/** The valid, distinct ids chosen in the URL, in order. */
export function chosenIds(params: URLSearchParams, known: Record<string, unknown>): string[] {
  return [...new Set(params.getAll('id'))].filter((id) => Object.hasOwn(known, id));
}

type Fill = (el: HTMLElement, item: Item) => void;

export function renderComparison(doc: Document): void {
  const data = JSON.parse(doc.getElementById('compare-data')!.textContent!) as CompareData;
  const ids = chosenIds(new URLSearchParams(location.search), data.items);
  for (const id of ids) {
    const box = doc.getElementById(`pick-${id}`) as HTMLInputElement | null;
    if (box) box.checked = true;
  }
  const message = doc.querySelector<HTMLElement>('[data-compare-message]')!;
  const holder = doc.querySelector<HTMLElement>('[data-compare-table]')!;
  message.hidden = ids.length >= 2 && ids.length <= MAX_COMPARED;
  message.textContent = ids.length < 2 ? data.tooFew : data.tooMany;
  if (ids.length < 2) return;
  const shown = ids.slice(0, MAX_COMPARED).map((id) => data.items[id]!);

  const link = (href: string, text: string, cls: string, hidden = '') => {
    const a = doc.createElement('a');
    a.href = href;
    a.className = cls;
    a.textContent = text;
    if (hidden) a.appendChild(doc.createElement('span')).className = 'visually-hidden';
    if (hidden) a.lastElementChild!.textContent = hidden;
    return a;
  };
  const rows: [string, Fill][] = [
    ...data.labels.map((label, i): [string, Fill] => [
      label,
      (el, item) => {
        el.textContent = item.values[i] ?? '';
      },
    ]),
    [
      data.distance,
      (el, item) => {
        el.dataset.distance = '';
        el.textContent = item.lngLat ? data.distanceHint : data.noLocation;
      },
    ],
    [
      data.phone,
      (el, item) => {
        el.append(link(item.call.tel, item.call.text, 'button call'));
        if (item.call.note) el.appendChild(doc.createElement('span')).className = 'compare-note';
        if (item.call.note) el.lastElementChild!.textContent = item.call.note;
      },
    ],
    [
      data.navigate,
      (el, item) => {
        if (item.route) el.append(link(item.route, data.navigate, 'button secondary', data.navigateApp));
        else el.textContent = data.noLocation;
      },
    ],
  ];

  // Wide screens: one table, facilities as columns.
  const table = doc.createElement('table');
  table.className = 'compare';
  const head = table.createTHead().insertRow();
  const corner = doc.createElement('th');
  corner.scope = 'col';
  corner.textContent = data.field;
  head.append(corner);
  for (const item of shown) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.append(link(item.href, item.name, ''));
    head.append(th);
  }
  const body = table.createTBody();
  for (const [label, fill] of rows) {
    const row = body.insertRow();
    const th = doc.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    row.append(th);
    for (const item of shown) fill(row.insertCell(), item);
  }

  const parts: HTMLElement[] = [table];
  if (shown.length === 2) {
    // Phones and large text, two facilities: two aligned columns; each row's label spans both above its values.
    const pair = doc.createElement('table');
    pair.className = 'compare-pair';
    const ph = pair.createTHead().insertRow();
    shown.forEach((item, c) => {
      const th = doc.createElement('th');
      th.scope = 'col';
      th.id = `pair-col-${c}`;
      th.append(link(item.href, item.name, ''));
      ph.append(th);
    });
    const pb = pair.createTBody();
    rows.forEach(([label, fill], r) => {
      const lr = pb.insertRow();
      lr.className = 'pair-label';
      const th = doc.createElement('th');
      th.colSpan = 2;
      th.id = `pair-row-${r}`;
      th.textContent = label;
      lr.append(th);
      const vr = pb.insertRow();
      shown.forEach((item, c) => {
        const td = vr.insertCell();
        td.headers = `pair-col-${c} pair-row-${r}`;
        fill(td, item);
      });
    });
    parts.push(pair);
  } else {
    const cards = doc.createElement('div');
    cards.className = 'compare-cards';
    for (const item of shown) {
      const card = cards.appendChild(doc.createElement('section'));
      card.className = 'card';
      const h = card.appendChild(doc.createElement('h3'));
      h.append(link(item.href, item.name, ''));
      card.setAttribute('aria-label', item.name);
      const dl = card.appendChild(doc.createElement('dl'));
      dl.className = 'facts';
      for (const [label, fill] of rows) {
        dl.appendChild(doc.createElement('dt')).textContent = label;
        fill(dl.appendChild(doc.createElement('dd')), item);
      }
    }
    parts.push(cards);
  }
  holder.replaceChildren(...parts);

  // 距离: asked for only on a tap; the position is used here and nowhere else.
  const locate = doc.querySelector<HTMLElement>('[data-compare-locate]');
  const status = doc.querySelector<HTMLElement>('[data-compare-locate-status]');
  if (!locate || !status || !('geolocation' in navigator) || !shown.some((i) => i.lngLat)) return;
  locate.hidden = false;
  locate.querySelector('button')!.addEventListener('click', () => {
    status.textContent = data.locating;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const here: [number, number] = [pos.coords.longitude, pos.coords.latitude];
        for (const container of parts) {
          const cells = [...container.querySelectorAll<HTMLElement>('[data-distance]')];
          // cells run row by row in facility order in every form: table and pair by row, cards by facility
          cells.forEach((cell, k) => {
            const item = container.className === 'compare-cards' ? shown[k]! : shown[k % shown.length]!;
            if (item.lngLat)
              cell.textContent = data.km.replace('{km}', distanceKm(here, item.lngLat).toFixed(1));
          });
        }
        status.textContent = data.located;
      },
      () => {
        status.textContent = data.locateFailed;
      },
      { maximumAge: 300_000, timeout: 15_000 },
    );
  });
}
