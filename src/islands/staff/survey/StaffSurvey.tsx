/**
 * /staff/survey/: for signed-in staff (the session of /staff/). Filters (date range, source) feed the results,
 * planning and export; paper entry uses the form made from the published definition (PaperEntry: the newest
 * version from public.survey_form(), else the build's, and the older versions its `accepting` still lists, from
 * public.survey_form_versions()); distribution points print QR sheets.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { getSupabase } from '../../../lib/supabase/client.ts';
import type { SurveyStrings } from '../../../lib/i18n/survey/index.ts';
import type { FormDefinition } from '../../../lib/survey-form/definition.ts';
import { refusalText } from '../../../lib/refusals/index.ts';
import type { FormStrings } from '../../survey/DefinitionForm.tsx';
import { PaperEntry } from './PaperEntry.tsx';
import { Dashboard, type DashboardData } from './Dashboard.tsx';
import { type AnswerRow, ExportPanel } from './ExportPanel.tsx';
import { Planning, type TownshipPlaces } from './Planning.tsx';
import { Points, type Point } from './Points.tsx';

interface Props {
  s: SurveyStrings;
  /** The phone form's own words (paper entry). */
  t: FormStrings;
  /** The questionnaire at build time, until the published one is fetched (null: the district has none). */
  definition: FormDefinition | null;
  locale: 'zh-CN' | 'en';
  townships: TownshipPlaces[];
  population: number | undefined;
  signInHref: string;
  surveyPath: string;
  resultsHref: string;
}
type Tab = 'dashboard' | 'planning' | 'paper' | 'points' | 'export';
const TABS: Tab[] = ['dashboard', 'planning', 'paper', 'points', 'export'];
type Me = { role: 'outreach' | 'admin' | null };
export default function StaffSurvey({
  s,
  t,
  definition,
  locale,
  townships,
  population,
  signInHref,
  surveyPath,
  resultsHref,
}: Props) {
  const [me, setMe] = useState<Me | 'signedOut' | 'loading'>('loading');
  const [tab, setTab] = useState<Tab>('dashboard');
  const [filters, setFilters] = useState<{
    p_from: string | null;
    p_to: string | null;
    p_source: string | null;
  }>({ p_from: null, p_to: null, p_source: null });
  const [data, setData] = useState<DashboardData | string | null>(null);
  const [points, setPoints] = useState<Point[]>([]);
  const [def, setDef] = useState(definition);
  /** Older versions still taking answers (paper forms printed from them can be entered), newest first. */
  const [older, setOlder] = useState<FormDefinition[]>([]);
  const db = getSupabase;
  const townshipName = (code: string) => townships.find((t) => t.code === code)?.name ?? code;

  useEffect(() => {
    // Ask who we are only with a session: an anonymous whoami is a 401 the browser logs as an error.
    void db()
      .auth.getSession()
      .then(({ data: { session } }) =>
        session
          ? db()
              .rpc('whoami')
              .then(({ data, error }) => setMe(error ? 'signedOut' : (data as Me)))
          : setMe('signedOut'),
      );
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the client and strings are fixed for the page's life
  const load = useCallback(async () => {
    const [d, p] = await Promise.all([
      db().rpc('survey_dashboard', filters),
      db().rpc('list_distribution_points'),
    ]);
    setData(
      d.error
        ? s['staff.survey.failed'].replace('{message}', refusalText(d.error, locale))
        : (d.data as DashboardData),
    );
    if (!p.error) setPoints(p.data as Point[]);
  }, [filters, locale]);
  // The newest published questionnaire, and the older versions still accepting answers (survey_form()'s
  // `accepting`, their definitions from survey_form_versions()): paper forms of any of them can be entered.
  useEffect(() => {
    if (typeof me !== 'object' || !me.role) return;
    void db()
      .rpc('survey_form')
      .then(async ({ data }) => {
        const f = data as {
          version: string | null;
          definition: FormDefinition | null;
          accepting?: string[] | null;
        } | null;
        if (!f?.version || !f.definition) return;
        setDef(f.definition);
        const others = (f.accepting ?? []).filter((v) => v !== f.version);
        if (!others.length) return setOlder([]);
        const all = await db().rpc('survey_form_versions');
        if (all.error) return;
        const defs = new Map(
          (all.data as { version: string; definition: FormDefinition }[]).map((v) => [
            v.version,
            v.definition,
          ]),
        );
        setOlder(others.flatMap((v) => (defs.has(v) ? [defs.get(v)!] : [])));
      });
  }, [me]);
  useEffect(() => {
    if (typeof me === 'object' && me.role) void load();
  }, [me, load]);

  if (me === 'loading') return <p role="status">{s['staff.survey.loading']}</p>;
  if (me === 'signedOut')
    return (
      <p className="note">
        {s['staff.survey.signIn']} <a href={signInHref}>{s['staff.survey.signInLink']}</a>
      </p>
    );
  if (!me.role) return <p className="note">{s['staff.survey.notStaff']}</p>;

  const filter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '') || null;
    setFilters({ p_from: v('from'), p_to: v('to'), p_source: v('source') });
  };
  const sources = [...new Set(['direct', 'unknown', 'paper', ...points.map((p) => p.code)])];

  return (
    <>
      <nav aria-label={s['staff.survey.title']}>
        <ul className="actions">
          {TABS.map((name) => (
            <li key={name}>
              <button
                type="button"
                className={name === tab ? '' : 'secondary'}
                aria-pressed={name === tab}
                onClick={() => setTab(name)}
              >
                {s[`staff.survey.tab.${name}`]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {(tab === 'dashboard' || tab === 'planning' || tab === 'export') && (
        <form className="filters" onSubmit={filter} aria-label={s['staff.survey.apply']}>
          <label htmlFor="f-from">{s['staff.survey.from']}</label>
          <input id="f-from" name="from" type="date" defaultValue={filters.p_from ?? ''} />
          <label htmlFor="f-to">{s['staff.survey.to']}</label>
          <input id="f-to" name="to" type="date" defaultValue={filters.p_to ?? ''} />
          <label htmlFor="f-source">{s['staff.survey.source']}</label>
          <select id="f-source" name="source" defaultValue={filters.p_source ?? ''}>
            <option value="">{s['staff.survey.allSources']}</option>
            {sources.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <button type="submit">{s['staff.survey.apply']}</button>
        </form>
      )}
      <section aria-live="polite">
        {typeof data === 'string' && (
          <p className="error-message" role="alert">
            {data}
          </p>
        )}
        {tab === 'dashboard' && data && typeof data === 'object' && (
          <Dashboard data={data} s={s} locale={locale} townshipName={townshipName} />
        )}
        {tab === 'planning' && data && typeof data === 'object' && (
          <Planning s={s} locale={locale} townships={townships} population={population} data={data} />
        )}
        {tab === 'export' && (
          <ExportPanel
            s={s}
            isAdmin={me.role === 'admin'}
            townshipName={townshipName}
            fetchAnswers={async (withPhones) => {
              const [answers, versions] = await Promise.all([
                db().rpc('export_survey_answers', { p_with_phones: withPhones, ...filters }),
                db().rpc('survey_form_versions'),
              ]);
              const error = answers.error ?? versions.error;
              if (error) return s['staff.survey.failed'].replace('{message}', refusalText(error, locale));
              const defs = (versions.data as { version: string; definition: FormDefinition }[]).map((v) => ({
                ...v.definition,
                version: v.version,
              }));
              return { rows: answers.data as AnswerRow[], defs };
            }}
          />
        )}
        {tab === 'points' && (
          <Points
            s={s}
            points={points}
            townships={townships}
            surveyUrl={`${location.origin}${surveyPath}`}
            onCreate={async (p) => {
              const { error } = await db().rpc('create_distribution_point', {
                p_code: p.code,
                p_name: p.name,
                p_township: p.township,
                p_distributed_on: p.date,
              });
              if (!error) void load();
              return error ? refusalText(error, locale) : null;
            }}
          />
        )}
        {tab === 'paper' &&
          (def ? (
            <PaperEntry
              definition={def}
              older={older}
              s={s}
              t={t}
              locale={locale}
              points={points}
              resultsHref={resultsHref}
              onStored={() => void load()}
            />
          ) : (
            <p className="note">{t['form.paper.none']}</p>
          ))}
      </section>
    </>
  );
}
