/** Results: figures from public.survey_dashboard for the chosen dates and source, each chart beside its table. */
import { useMemo } from 'react';
import type { SurveyStrings } from '../../../lib/i18n/survey.ts';
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
  children: number;
  over_time: { day: string; responses: number }[];
  by_source: { source: string; channel: string; responses: number }[];
  by_township: { township: string; responses: number; wants_care: number }[];
  age_bands: { band: string; children: number; wants_care: number }[];
  answers: Record<string, Record<string, number>>;
  crosstab: { township: string; band: string; wants_care: boolean; children: number }[];
}

interface Props {
  data: DashboardData;
  s: SurveyStrings;
  townshipName: (code: string) => string;
}

export function Dashboard({ data, s, townshipName }: Props) {
  const t = (k: string) => s[k as keyof SurveyStrings] ?? k;
  const band = (b: string) => t(`results.band.${b}`);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the strings and helpers are fixed for the page's life
  const answerBlocks = useMemo(
    () =>
      (
        [
          ['care_form', CARE_FORMS, 'survey.q.careForm'],
          ['fee', FEES, 'survey.q.fee'],
          ['distance', DISTANCES, 'survey.q.distance'],
          ['provider', PROVIDERS, 'survey.q.provider'],
          ['priority', PRIORITIES, 'survey.q.priorities'],
        ] as const
      ).map(([q, values, title]) => ({
        q,
        title: t(title),
        labels: values.map((v) => t(`survey.option.${q === 'priority' ? 'priorities' : q}.${v}`)),
        counts: values.map((v) => data.answers[q]?.[v] ?? 0),
      })),
    [data],
  );
  const ages = AGE_BANDS.map(
    (b) => data.age_bands.find((a) => a.band === b) ?? { band: b, children: 0, wants_care: 0 },
  );
  return (
    <>
      <dl className="facts">
        <dt>{s['staff.survey.responses']}</dt>
        <dd data-figure="responses">{data.responses}</dd>
        <dt>{s['staff.survey.wantsCare']}</dt>
        <dd data-figure="wants_care">{data.wants_care}</dd>
        <dt>{s['staff.survey.children']}</dt>
        <dd data-figure="children">{data.children}</dd>
      </dl>
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
        ]}
        rows={data.by_township.map((r) => ({
          name: townshipName(r.township),
          responses: r.responses,
          wants_care: r.wants_care,
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
          ...AGE_BANDS.flatMap((b) => [
            { key: `${b}.yes`, label: `${band(b)} · ${s['staff.survey.yes']}` },
            { key: `${b}.no`, label: `${band(b)} · ${s['staff.survey.no']}` },
          ]),
        ]}
        rows={[...new Set(data.crosstab.map((c) => c.township))].map((tw) => ({
          name: townshipName(tw),
          ...Object.fromEntries(
            AGE_BANDS.flatMap((b) => [
              [`${b}.yes`, 0],
              [`${b}.no`, 0],
            ]),
          ),
          ...Object.fromEntries(
            data.crosstab
              .filter((c) => c.township === tw)
              .map((c) => [`${c.band}.${c.wants_care ? 'yes' : 'no'}`, c.children]),
          ),
        }))}
      />
    </>
  );
}
