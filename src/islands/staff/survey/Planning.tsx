/**
 * Planning: per township, the places in the facility data (all / inclusive) beside survey demand (children under
 * 3 whose families want care, by age band, at the form's date), the children whose families have not decided and the
 * expecting families (apart, not in the demand total), and the district's places per 1,000 residents against 4.5.
 * The figures count answers of every questionnaire version (public.survey_dashboard reads app.survey_answers).
 */
import { AGE_BANDS } from '../../../lib/schemas/survey.ts';
import type { SurveyStrings } from '../../../lib/i18n/survey/index.ts';
import { surveyCountsEn } from '../../../lib/i18n/survey-counts/en.ts';
import { surveyCountsZhCN } from '../../../lib/i18n/survey-counts/zh-CN.ts';
import { toCsv } from '../../../lib/survey/export.ts';
import type { DashboardData } from './Dashboard.tsx';
import { DataTable } from './DataTable.tsx';
import { download } from './download.ts';

export interface TownshipPlaces {
  code: string;
  name: string;
  places: number;
  inclusive: number;
}

/**
 * Rows of the planning table: places and demand per township, demand (wants care: "yes") and the children whose
 * families have not decided counted from the cross-tab, expecting families from the township figures.
 */
export function planningRows(
  townships: TownshipPlaces[],
  crosstab: DashboardData['crosstab'],
  byTownship: DashboardData['by_township'] = [],
) {
  const children = (code: string, wants: string, band?: string) =>
    crosstab
      .filter((c) => c.township === code && c.wants_care === wants && (band === undefined || c.band === band))
      .reduce((n, c) => n + c.children, 0);
  return townships.map((t) => {
    const demand = Object.fromEntries(AGE_BANDS.map((b) => [b, children(t.code, 'yes', b)]));
    return {
      name: t.name,
      places: t.places,
      inclusive: t.inclusive,
      ...demand,
      total: AGE_BANDS.reduce((n, b) => n + demand[b], 0),
      undecided: children(t.code, 'undecided'),
      expecting: byTownship.find((x) => x.township === t.code)?.expecting ?? 0,
    };
  });
}

/** Places per 1,000 residents, one decimal. */
export const per1000 = (places: number, population: number) =>
  Math.round((places / population) * 10_000) / 10;

export function Planning({
  s,
  locale,
  townships,
  population,
  data,
}: {
  s: SurveyStrings;
  locale: 'zh-CN' | 'en';
  townships: TownshipPlaces[];
  /** Resident population from the district's census figures; absent where no public source states it */
  population: number | undefined;
  data: DashboardData;
}) {
  const c = locale === 'en' ? surveyCountsEn : surveyCountsZhCN;
  const rows = planningRows(townships, data.crosstab, data.by_township);
  const columns = [
    { key: 'name', label: s['results.township'] },
    { key: 'places', label: s['staff.survey.places'] },
    { key: 'inclusive', label: s['staff.survey.placesInclusive'] },
    ...AGE_BANDS.map((b) => ({
      key: b,
      label: `${s['staff.survey.demand']} · ${s[`results.band.${b}` as keyof SurveyStrings]}`,
    })),
    { key: 'total', label: s['staff.survey.demandTotal'] },
    { key: 'undecided', label: c['counts.planning.undecided'] },
    { key: 'expecting', label: c['counts.planning.expecting'] },
  ];
  const places = townships.reduce((n, t) => n + t.places, 0);
  return (
    <>
      <p>{s['staff.survey.planningIntro']}</p>
      <p>{c['counts.planningNote']}</p>
      <p data-figure="per1000">
        {population
          ? s['staff.survey.per1000']
              .replace('{value}', per1000(places, population).toFixed(1))
              .replace('{population}', population.toLocaleString())
          : s['staff.survey.per1000Unknown']}
      </p>
      <DataTable caption={s['staff.survey.tab.planning']} columns={columns} rows={rows} />
      <button
        type="button"
        className="secondary"
        onClick={() =>
          download(
            'planning.csv',
            toCsv(
              columns.map((c) => c.label),
              rows.map((r) =>
                Object.fromEntries(columns.map((c) => [c.label, (r as Record<string, unknown>)[c.key]])),
              ),
            ),
            'text/csv;charset=utf-8',
          )
        }
      >
        {s['staff.survey.downloadCsv']}
      </button>
    </>
  );
}
