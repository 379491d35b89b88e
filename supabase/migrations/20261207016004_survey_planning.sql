-- The planning variables of every answer, whatever its questionnaire version (issue 16, item 2): one row per child
-- (or one row with no child for a household without a child under 3): township, household, wants care, care form,
-- fee band and the child's age in whole months AT THE FORM'S DATE (a paper form's own date). Read from
-- app.survey_answers' JSON (version 2026-11 rows have the same names; their fee bands are the old ones, so group
-- by form_version before comparing fee bands across versions). A set-returning function rather than a view: owner
-- only, for the definer functions (dashboard, planning) to read.
create function app_private.survey_planning()
returns table (response_id uuid, form_version text, form_date date, submitted_at timestamptz, channel text, source_code text,
  township text, household text, wants_care text, care_form text, fee text, child integer, birth_month text, age_months integer)
language sql stable set search_path = '' as $$
  select a.response_id, a.form_version, a.form_date, a.submitted_at, a.channel, a.source_code,
    a.answers ->> 'township', a.answers ->> 'household', a.answers ->> 'wants_care', a.answers ->> 'care_form',
    a.answers ->> 'fee', c.ordinal::integer, c.e ->> 'birth_month',
    case when c.e ->> 'birth_month' ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' then
      (extract(year from a.form_date) * 12 + extract(month from a.form_date))::integer
        - (left(c.e ->> 'birth_month', 4)::integer * 12 + right(c.e ->> 'birth_month', 2)::integer)
    end
  from app.survey_answers a
  left join lateral jsonb_array_elements(
    case when jsonb_typeof(a.answers -> 'children') = 'array' then a.answers -> 'children' else '[]'::jsonb end)
    with ordinality as c (e, ordinal) on true
$$;
comment on function app_private.survey_planning() is 'Planning variables of every survey answer, one row per child: township, household, wants_care, care_form, fee, age in months at the form''s date. Owner only.';
revoke all on function app_private.survey_planning() from public, anon, authenticated;

-- Per-township planning reads.
create index survey_answers_township_idx on app.survey_answers ((answers ->> 'township'));
