/**
 * Builds the comparison from the JSON the compare page embeds and the `?id=` choices in the URL: a side-by-side
 * table for wide screens, and one stacked card per facility for narrow screens and large text (CSS shows one of
 * the two, so assistive technology meets only the one on screen).
 */
interface CompareData {
  labels: string[];
  items: Record<string, { name: string; href: string; values: string[] }>;
  field: string;
  tooFew: string;
  tooMany: string;
}

export const MAX_COMPARED = 3;

/** The valid, distinct ids chosen in the URL, in order. */
export function chosenIds(params: URLSearchParams, known: Record<string, unknown>): string[] {
  return [...new Set(params.getAll('id'))].filter((id) => Object.hasOwn(known, id));
}

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
    const a = doc.createElement('a');
    a.href = item.href;
    a.textContent = item.name;
    th.append(a);
    head.append(th);
  }
  const body = table.createTBody();
  data.labels.forEach((label, i) => {
    const row = body.insertRow();
    const th = doc.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    row.append(th);
    for (const item of shown) row.insertCell().textContent = item.values[i] ?? '';
  });
  const cards = doc.createElement('div');
  cards.className = 'compare-cards';
  for (const item of shown) {
    const card = cards.appendChild(doc.createElement('section'));
    card.className = 'card';
    const h = card.appendChild(doc.createElement('h3'));
    const a = h.appendChild(doc.createElement('a'));
    a.href = item.href;
    a.textContent = item.name;
    card.setAttribute('aria-label', item.name);
    const dl = card.appendChild(doc.createElement('dl'));
    dl.className = 'facts';
    data.labels.forEach((label, i) => {
      dl.appendChild(doc.createElement('dt')).textContent = label;
      dl.appendChild(doc.createElement('dd')).textContent = item.values[i] ?? '';
    });
  }
  holder.replaceChildren(table, cards);
}
