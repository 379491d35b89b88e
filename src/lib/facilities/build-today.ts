/**
 * Build-time: the day the site is built for, in Beijing. `TUOYU_TODAY=YYYY-MM-DD` fixes it (tests, and a build
 * that must match a given day); otherwise the clock. Node only.
 */
import { DISTRICT } from '../../districts/index.ts';
import type { Freshness } from './freshness.ts';

export function buildToday(env: string | undefined = process.env.TUOYU_TODAY): string {
  if (env) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(env) || Number.isNaN(Date.parse(env)))
      throw new Error(`TUOYU_TODAY=${env}: expected a date written YYYY-MM-DD`);
    return env;
  }
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Today (as above) and the selected district's limit: what the built pages judge freshness by. */
export function buildFreshness(): Freshness {
  return { today: buildToday(), staleAfterDays: DISTRICT.vacancy_stale_after_days };
}
