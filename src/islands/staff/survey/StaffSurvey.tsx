/**
 * /staff/survey/: for signed-in staff (the session of /staff/). Filters (date range, source) feed the results,
 * planning and export; paper entry uses the families' form in staff mode; distribution points print QR sheets.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { getSupabase } from '../../../lib/supabase/client.ts';
import type { SurveyStrings } from '../../../lib/i18n/survey.ts';
import type { SendResult } from '../../../lib/survey/send.ts';
import SurveyForm from '../../survey/SurveyForm.tsx';
import { localeRefusals, refusalText } from '../../../lib/refusals/index.ts';
import { Dashboard, type DashboardData } from './Dashboard.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { Planning, type TownshipPlaces } from './Planning.tsx';
import { Points, type Point } from './Points.tsx';

interface Props {
  s: SurveyStrings;
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
/** The question of each answer field, to name the fields two entries disagree on. */
const FIELD_QUESTION: Record<string, string> = {
  relation: 'survey.q.relation',
  children: 'survey.q.children',
  carer: 'survey.q.carer',
  in_care: 'survey.q.inCare',
  wants_care: 'survey.q.wantsCare',
  reasons_for: 'survey.q.reasonsFor',
  reasons_against: 'survey.q.reasonsAgainst',
  provider: 'survey.q.provider',
  care_form: 'survey.q.careForm',
  fee: 'survey.q.fee',
  distance: 'survey.q.distance',
  dropoff: 'survey.q.dropoff',
  pickup: 'survey.q.pickup',
  priorities: 'survey.q.priorities',
  township: 'survey.q.township',
  community: 'survey.q.community',
  phone: 'survey.phone.label',
  phone_consent: 'survey.phone.consent',
  consent: 'survey.q.consent',
};

export default function StaffSurvey({
  s,
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
  const [paperSource, setPaperSource] = useState('paper');
  const [double, setDouble] = useState(false);
  const [formNo, setFormNo] = useState('');
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
  const sendPaper = async (r: unknown): Promise<SendResult> => {
    const id = (r as { id: string }).id;
    if (double) {
      if (!formNo.trim())
        return { status: 'refused', id, message: s['staff.survey.formNoMissing'], code: '' };
      const { data: res, error } = await db().rpc('enter_paper_survey_twice', {
        p_form_no: formNo.trim(),
        p_response: r,
        p_source_code: paperSource,
      });
      if (error) return { status: 'refused', id, message: refusalText(error, locale), code: error.code };
      const out = res as { status: string; reference?: string; fields?: string[] };
      if (out.status === 'first_entry_saved')
        return {
          status: 'held',
          id,
          message: s['staff.survey.firstEntrySaved'].replace('{form}', formNo.trim()),
        };
      if (out.status === 'mismatch')
        return {
          status: 'refused',
          id,
          code: 'mismatch',
          message: s['staff.survey.mismatch'].replace(
            '{fields}',
            (out.fields ?? []).map(fieldLabel).join(locale === 'en' ? ', ' : '、'),
          ),
        };
      void load();
      return { status: 'sent', id, reference: out.reference ?? '' };
    }
    const { data: res, error } = await db().rpc('enter_paper_survey', {
      p_response: r,
      p_source_code: paperSource,
    });
    if (error) return { status: 'refused', id, message: refusalText(error, locale), code: error.code };
    void load();
    return { status: 'sent', id, reference: (res as { reference: string }).reference };
  };
  const fieldLabel = (f: string) =>
    s[(FIELD_QUESTION[f] ?? 'staff.survey.paperSource') as keyof SurveyStrings];
  const sources = [...new Set(['direct', 'unknown', 'paper', ...points.map((p) => p.code)])];

  return (
    <>
      <nav aria-label={s['staff.survey.title']}>
        <ul className="actions">
          {TABS.map((t) => (
            <li key={t}>
              <button
                type="button"
                className={t === tab ? '' : 'secondary'}
                aria-pressed={t === tab}
                onClick={() => setTab(t)}
              >
                {s[`staff.survey.tab.${t}`]}
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
            fetchRows={async (withPhones) => {
              const { data: rows, error } = await db().rpc('export_survey_responses', {
                p_with_phones: withPhones,
                ...filters,
              });
              return error
                ? s['staff.survey.failed'].replace('{message}', refusalText(error, locale))
                : (rows as Record<string, unknown>[]);
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
        {tab === 'paper' && (
          <>
            <p>{s['staff.survey.paperIntro']}</p>
            <label htmlFor="paper-source">{s['staff.survey.paperSource']}</label>
            <select id="paper-source" value={paperSource} onChange={(e) => setPaperSource(e.target.value)}>
              <option value="paper">{s['staff.survey.paperOther']}</option>
              {points.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name} ({p.code})
                </option>
              ))}
            </select>
            <label className="check" htmlFor="paper-double">
              <input
                id="paper-double"
                type="checkbox"
                checked={double}
                onChange={(e) => setDouble(e.target.checked)}
              />
              {s['staff.survey.double']}
            </label>
            {double && (
              <>
                <label htmlFor="paper-form-no">{s['staff.survey.formNo']}</label>
                <input
                  id="paper-form-no"
                  type="text"
                  value={formNo}
                  onChange={(e) => setFormNo(e.target.value)}
                  autoComplete="off"
                />
              </>
            )}
            <SurveyForm
              s={s}
              locale={locale}
              resultsHref={resultsHref}
              townships={townships}
              refusals={localeRefusals(locale)}
              paper={{ send: sendPaper as never }}
            />
          </>
        )}
      </section>
    </>
  );
}
