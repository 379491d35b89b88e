/**
 * <survey-results>: fills the server-rendered results tables with the published figures from
 * public.survey_results(): the latest daily batch, withheld cells (counts under 5 and the cells that would give them
 * away) arrive as null and are shown as "not published"; the time of the batch is shown in Beijing time. Plain DOM
 * and the small RPC client: no framework and no chart library on this public page.
 */
import { callPublic } from '../../lib/supabase/public-rpc.ts';

type Cell = number | null;
interface Summary {
  refreshed_at: string | null;
  responses: Cell;
  wants_care: Cell;
  by_township: { township: string; responses: Cell; wants_care: Cell }[];
  demand_by_age_band: { band: string; children: Cell; wants_care: Cell }[];
  care_forms: { value: string; responses: Cell }[];
  fees: { value: string; responses: Cell }[];
  /** Since every version counts (migration 20261207316001): "not decided yet" and the household kinds. */
  undecided?: Cell;
  households?: { value: string; responses: Cell }[];
}

/** Cell keys (data-cell) → values, e.g. "township.341702001.responses" → 12. */
export function cellValues(s: Summary): Map<string, Cell> {
  const m = new Map<string, Cell>([
    ['responses', s.responses],
    ['wants_care', s.wants_care],
  ]);
  for (const t of s.by_township) {
    m.set(`township.${t.township}.responses`, t.responses);
    m.set(`township.${t.township}.wants_care`, t.wants_care);
  }
  for (const b of s.demand_by_age_band) {
    m.set(`band.${b.band}.children`, b.children);
    m.set(`band.${b.band}.wants_care`, b.wants_care);
  }
  for (const f of s.care_forms) m.set(`care_form.${f.value}`, f.responses);
  for (const f of s.fees) m.set(`fee.${f.value}`, f.responses);
  if (s.undecided !== undefined) m.set('undecided', s.undecided);
  for (const h of s.households ?? []) m.set(`household.${h.value}`, h.responses);
  return m;
}

/** When the batch was made, in Beijing time: "2026年12月6日 08:00" / "6 December 2026, 08:00". */
export function batchTime(at: string | null, locale = 'zh-CN', notYet = ''): string {
  if (!at) return notYet;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(at));
}

export class SurveyResults extends HTMLElement {
  async connectedCallback(): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-status]');
    const r = await callPublic<Summary>('survey_results', {}, { get: true });
    if (!r.ok) {
      if (status) status.textContent = this.dataset.error ?? '';
      return;
    }
    const values = cellValues(r.data);
    for (const cell of this.querySelectorAll<HTMLElement>('[data-cell]')) {
      const v = values.get(cell.dataset.cell ?? '');
      cell.textContent = v === null || v === undefined ? (this.dataset.suppressed ?? '') : v.toLocaleString();
    }
    const refreshed = this.querySelector<HTMLElement>('[data-refreshed]');
    if (refreshed)
      refreshed.textContent = batchTime(r.data.refreshed_at, this.dataset.locale, this.dataset.notYet);
    for (const t of this.querySelectorAll<HTMLElement>('[data-results]')) t.hidden = false;
    status?.remove();
  }
}

if (!customElements.get('survey-results')) customElements.define('survey-results', SurveyResults);
