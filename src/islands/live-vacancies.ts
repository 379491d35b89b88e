/**
 * Live vacancy figures between builds (list and detail pages): when the browser is idle, one anonymous call to
 * `facility_vacancies()` (every facility's free places and their date, plus the day in Beijing and the district's
 * limit) rewrites each `[data-vac]` figure, its date and stale warning, and the card's `data-vacant` that the 有空位
 * filter reads, then tells the filter (`live-vacancies` on document). Any failure leaves the built figures.
 * Plain DOM, no framework, no client library: the budget is 1 KB gzip (tests/unit/budgets.test.ts). The API's
 * address and anon key come from the page (LiveVacancies.astro), since importing `astro:env/client` here would
 * put the shared chunk of the other islands' client on these pages.
 */
import { hasPlace, vacancyWords, type VacancyWords } from '../lib/facilities/freshness.ts';

/** The RPC's answer (contract H17a/H17b): v maps a facility id to [free places, 'YYYY-MM-DD']. */
interface LiveVacancies {
  today: string;
  stale_after_days: number;
  v: Record<string, [number, string]>;
}

async function refresh() {
  const { words, api, key } = document.getElementById('vac-live')?.dataset ?? {};
  if (!words || !api || !key) return;
  const r = await fetch(`${api}/rest/v1/rpc/facility_vacancies`, {
    method: 'POST',
    headers: { apikey: key, Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!r.ok) return;
  const live = (await r.json()) as LiveVacancies;
  const now = { today: live.today, staleAfterDays: live.stale_after_days };
  const w = JSON.parse(words) as VacancyWords;
  for (const el of document.querySelectorAll<HTMLElement>('[data-vac]')) {
    const v = live.v[el.dataset.vac!];
    if (!v) continue;
    const { text, stale } = vacancyWords(v[0], v[1], now, w);
    el.textContent = text;
    el.toggleAttribute('data-stale', stale);
    const card = el.closest<HTMLElement>('[data-vacant]');
    if (card) card.dataset.vacant = hasPlace(v[0], v[1], now) ? '1' : '0';
  }
  document.dispatchEvent(new Event('live-vacancies'));
}

const later = window.requestIdleCallback ?? setTimeout;
// Offline, refused, malformed: the built figures stand.
later(() => refresh().catch(() => {}));
