/**
 * Results: figures from public.survey_dashboard for the chosen dates and source, each chart beside its table. The
 * figures count answers of every questionnaire version; an answer's values are labelled from the published
 * definitions' choice lists (data.choices), the pre-definition form's values from its strings.
 */
import { useMemo } from 'react';
import type { SurveyStrings } from '../../../lib/i18n/survey/index.ts';
import { surveyCountsEn } from '../../../lib/i18n/survey-counts/en.ts';
import { surveyCountsZhCN } from '../../../lib/i18n/survey-counts/zh-CN.ts';
import {
  AGE_BANDS,
  CARE_FORMS,
  DISTANCES,
  FEES,
  PRIORITIES,
  PROVIDERS,
} from '../../../lib/schemas/survey.ts';
import { ChartCanvas } from './ChartCanvas.tsx';
import { DataTable } from './DataTable.tsx';

export interface DashboardData {
  responses: number;
  wants_care: number;
  undecided: number;
  children: number;
  households: { household: string; responses: number }[];
  versions: { version: string; responses: number }[];
  without_township: number;
  over_time: { day: string; responses: number }[];
  by_source: { source: string; channel: string; responses: number }[];
  by_township: {
    township: string;
    responses: number;
    wants_care: number;
    undecided: number;
    expecting: number;
  }[];
  age_bands: { band: string; children: number; wants_care: number; undecided: number }[];
  answers: Record<string, Record<string, number>>;
  /** Children of households with a child under 3, by township, age band at the form's date and wants care. */
  crosstab: { township: string; band: string; wants_care: 'yes' | 'no' | 'undecided'; children: number }[];
  /** The published versions' choice lists: list → [{name, label: {locale: text}}], newest order first. */
  choices: Record<string, { name: string; label: Record<string, string> }[]>;
}

interface Props {
  data: DashboardData;
  s: SurveyStrings;
  locale: 'zh-CN' | 'en';
  townshipName: (code: string) => string;
}

/** The wishes of the cross-tab's columns. */
const WISHES = ['yes', 'no', 'undecided'] as const;

/**
 * One answer block's values and labels: the published lists' values (their labels), then the pre-definition form's
 * values (its strings), then any other value counted (shown as stored).
 */
export function answerValues(
  list: string,
  legacy: readonly string[],
  data: Pick<DashboardData, 'choices' | 'answers'>,
  q: string,
  locale: string,
  legacyLabel: (v: string) => string,
  oldForm = '{label}',
): { value: string; label: string; n: number }[] {
  const out = new Map<string, string>();
  for (const c of data.choices?.[list] ?? []) out.set(c.name, c.label[locale] ?? c.label['zh-CN'] ?? c.name);
  const published = new Set(out.values());
  for (const v of legacy)
    if (!out.has(v)) {
      // A pre-definition value with the words of a published one (临时托) is named with its version.
      const label = legacyLabel(v);
      out.set(v, published.has(label) ? oldForm.replace('{label}', label) : label);
    }
  for (const v of Object.keys(data.answers[q] ?? {})) if (!out.has(v)) out.set(v, v);
  return [...out].map(([value, label]) => ({ value, label, n: data.answers[q]?.[value] ?? 0 }));
}

export function Dashboard({ data, s, locale, townshipName }: Props) {
  const t = (k: string) => s[k as keyof SurveyStrings] ?? k;
  const c = locale === 'en' ? surveyCountsEn : surveyCountsZhCN;
  const band = (b: string) => t(`results.band.${b}`);
  const wish = (w: string) =>
    w === 'yes' ? s['staff.survey.yes'] : w === 'no' ? s['staff.survey.no'] : c['counts.undecided'];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the strings and helpers are fixed for the page's life
  const answerBlocks = useMemo(
    () =>
      (
        [
          ['household', 'household', [], c['counts.households']],
          ['wants_care', 'wants_care', ['yes', 'no'], t('survey.q.wantsCare')],
          ['care_form', 'care_form', CARE_FORMS, t('survey.q.careForm')],
          ['fee', 'fee', FEES, t('survey.q.fee')],
          ['distance', 'distance', DISTANCES, t('survey.q.distance')],
          ['provider', 'provider', PROVIDERS, t('survey.q.provider')],
          ['priority', 'priorities', PRIORITIES, t('survey.q.priorities')],
        ] as const
      ).map(([q, list, legacy, title]) => {
        const values = answerValues(
          list,
          legacy,
          data,
          q,
          locale,
          (v) => (q === 'wants_care' ? wish(v) : t(`survey.option.${list}.${v}`)),
          c['counts.oldForm'],
        );
        return { q, title, labels: values.map((v) => v.label), counts: values.map((v) => v.n) };
      }),
    [data],
  );
  const ages = AGE_BANDS.map(
    (b) => data.age_bands.find((a) => a.band === b) ?? { band: b, children: 0, wants_care: 0, undecided: 0 },
  );
  return (
    <>
      <dl className="facts">
        <dt>{s['staff.survey.responses']}</dt>
        <dd data-figure="responses">{data.responses}</dd>
        <dt>{s['staff.survey.wantsCare']}</dt>
        <dd data-figure="wants_care">{data.wants_care}</dd>
        <dt>{c['counts.undecided']}</dt>
        <dd data-figure="undecided">{data.undecided}</dd>
        <dt>{s['staff.survey.children']}</dt>
        <dd data-figure="children">{data.children}</dd>
        <dt>{c['counts.withoutTownship']}</dt>
        <dd data-figure="without_township">{data.without_township}</dd>
      </dl>
      <DataTable
        caption={c['counts.versions']}
        columns={[
          { key: 'version', label: c['counts.version'] },
          { key: 'responses', label: s['staff.survey.responses'] },
        ]}
        rows={data.versions ?? []}
      />
      <h2>{s['staff.survey.overTime']}</h2>
      <ChartCanvas
        type="line"
        labels={data.over_time.map((d) => d.day)}
        series={[{ label: s['staff.survey.responses'], data: data.over_time.map((d) => d.responses) }]}
      />
      <DataTable
        caption={s['staff.survey.overTime']}
        columns={[
          { key: 'day', label: s['staff.survey.day'] },
          { key: 'responses', label: s['staff.survey.responses'] },
        ]}
        rows={data.over_time}
      />
      <h2>{s['staff.survey.bySource']}</h2>
      <ChartCanvas
        type="bar"
        labels={data.by_source.map((r) => r.source)}
        series={[{ label: s['staff.survey.responses'], data: data.by_source.map((r) => r.responses) }]}
      />
      <DataTable
        caption={s['staff.survey.bySource']}
        columns={[
          { key: 'source', label: s['staff.survey.source'] },
          { key: 'channel', label: s['staff.survey.channel'] },
          { key: 'responses', label: s['staff.survey.responses'] },
        ]}
        rows={data.by_source.map((r) => ({ ...r, channel: t(`staff.survey.channel.${r.channel}`) }))}
      />
      <h2>{s['staff.survey.byTownship']}</h2>
      <ChartCanvas
        type="bar"
        labels={data.by_township.map((r) => townshipName(r.township))}
        series={[
          { label: s['staff.survey.responses'], data: data.by_township.map((r) => r.responses) },
          { label: s['staff.survey.wantsCare'], data: data.by_township.map((r) => r.wants_care) },
        ]}
      />
      <DataTable
        caption={s['staff.survey.byTownship']}
        columns={[
          { key: 'name', label: s['results.township'] },
          { key: 'responses', label: s['staff.survey.responses'] },
          { key: 'wants_care', label: s['staff.survey.wantsCare'] },
          { key: 'undecided', label: c['counts.undecided'] },
          { key: 'expecting', label: c['counts.planning.expecting'] },
        ]}
        rows={data.by_township.map((r) => ({
          name: townshipName(r.township),
          responses: r.responses,
          wants_care: r.wants_care,
          undecided: r.undecided,
          expecting: r.expecting,
        }))}
      />
      <h2>{s['staff.survey.ageBands']}</h2>
      <ChartCanvas
        type="bar"
        labels={ages.map((a) => band(a.band))}
        series={[
          { label: s['staff.survey.children'], data: ages.map((a) => a.children) },
          { label: s['staff.survey.wantsCare'], data: ages.map((a) => a.wants_care) },
        ]}
      />
      <DataTable
        caption={s['staff.survey.ageBands']}
        columns={[
          { key: 'band', label: s['results.ageBand'] },
          { key: 'children', label: s['staff.survey.children'] },
          { key: 'wants_care', label: s['staff.survey.wantsCare'] },
          { key: 'undecided', label: c['counts.undecided'] },
        ]}
        rows={ages.map((a) => ({ ...a, band: band(a.band) }))}
      />
      {answerBlocks.map((b) => (
        <section key={b.q}>
          <h2>{b.title}</h2>
          <ChartCanvas
            type="bar"
            labels={b.labels}
            series={[{ label: s['staff.survey.count'], data: b.counts }]}
          />
          <DataTable
            caption={b.title}
            columns={[
              { key: 'label', label: s['staff.survey.answer'] },
              { key: 'n', label: s['staff.survey.count'] },
            ]}
            rows={b.labels.map((label, i) => ({ label, n: b.counts[i] }))}
          />
        </section>
      ))}
      <h2>{s['staff.survey.crosstab']}</h2>
      <DataTable
        caption={s['staff.survey.crosstab']}
        columns={[
          { key: 'name', label: s['results.township'] },
          ...AGE_BANDS.flatMap((b) =>
            WISHES.map((w) => ({ key: `${b}.${w}`, label: `${band(b)} · ${wish(w)}` })),
          ),
        ]}
        rows={[...new Set(data.crosstab.map((x) => x.township))].map((tw) => ({
          name: townshipName(tw),
          ...Object.fromEntries(AGE_BANDS.flatMap((b) => WISHES.map((w) => [`${b}.${w}`, 0]))),
          ...Object.fromEntries(
            data.crosstab
              .filter((x) => x.township === tw)
              .map((x) => [`${x.band}.${x.wants_care}`, x.children]),
          ),
        }))}
      />
    </>
  );
}
