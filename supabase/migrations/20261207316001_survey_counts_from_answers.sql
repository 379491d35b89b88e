-- Every answer counted, whatever its questionnaire version (issue 16, items 2, 3, 7): the staff dashboard, the
-- planning view (which reads the dashboard's cross-tab) and the published results read app.survey_answers /
-- app_private.survey_planning() instead of the typed columns of app.survey_responses. app.survey_answers holds
-- every answer exactly once (a pre-definition answer as version 2026-11, a versioned one with its own version, also
-- when it was copied into the typed columns too), so nothing is counted twice. The categories the new forms have
-- are shown: the household (child under 3 / expecting / older children only), "not decided yet", the care forms
-- and fee bands of every version (each counted under its own value: the 2026-11 fee bands overlap the new ones, so
-- they are never merged), and answers without a township (older children only; expecting in the short form).
-- The published results keep their complementary suppression and daily batch; the sums they obey grow by the
-- household and "not decided" figures. Phones of versioned answers are exported with the typed export.
-- Sections: 1. staff dashboard, 2. published results, 3. export with phones.

-- 1. Staff dashboard ---------------------------------------------------------------------------------------------
-- The choice lists of every published version, for labels ({list: [{name, label}]}, the newest form's order first,
-- values only older versions had after them). Owner only.
create function app_private.survey_choice_labels() returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_object_agg(y.list, y.choices), '{}'::jsonb)
  from (
    select x.list, jsonb_agg(jsonb_build_object('name', x.name, 'label', x.label) order by x.form_rank, x.ord) as choices
    from (
      select distinct on (l.key, ch.e ->> 'name') l.key as list, ch.e ->> 'name' as name, ch.e -> 'label' as label,
        f.form_rank, ch.ord
      from (select s.definition, row_number() over (order by s.published_at desc, s.version desc) as form_rank
            from app.survey_forms s) f
      cross join lateral jsonb_each(f.definition -> 'choices') l
      cross join lateral jsonb_array_elements(case when jsonb_typeof(l.value) = 'array' then l.value else '[]'::jsonb end)
        with ordinality ch (e, ord)
      where l.key <> 'townships'
      order by l.key, ch.e ->> 'name', f.form_rank, ch.ord) x
    group by x.list) y
$$;
comment on function app_private.survey_choice_labels() is 'Choice lists of every published questionnaire version ({list: [{name, label}]}, newest order first; townships left out). Owner only.';
revoke all on function app_private.survey_choice_labels() from public, anon, authenticated;

-- The dashboard: every figure in one call, filtered by local (Asia/Shanghai) date of submission and source code
-- (null = all), counted from app.survey_answers. Children are those of households with a child under 3, aged 0–36
-- months at the form's date. Definer: app.survey_answers is private; outreach staff only.
create or replace function public.survey_dashboard(p_from date default null, p_to date default null, p_source text default null)
returns json
language plpgsql stable security definer set search_path = '' as $$
declare
  v json;
begin
  perform app_private.require_staff_role('outreach');
  with a as (
    select x.response_id, x.form_version, x.submitted_at, x.channel, x.source_code, x.answers,
      x.answers ->> 'township' as township, x.answers ->> 'household' as household, x.answers ->> 'wants_care' as wants_care
    from app.survey_answers x
    where (p_from is null or (x.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
      and (p_to is null or (x.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
      and (p_source is null or x.source_code = p_source)),
  c as (select p.age_months, app_private.age_band(p.age_months) as band, a.township, a.wants_care
        from app_private.survey_planning() p join a on a.response_id = p.response_id
        where a.household = 'under3' and p.age_months between 0 and 36),
  counts as (
    select k.q, e.v
    from a
    cross join (values ('household', 'household'), ('relation', 'relation'), ('carer', 'carer'), ('in_care', 'in_care'),
      ('wants_care', 'wants_care'), ('provider', 'provider'), ('care_form', 'care_form'), ('fee', 'fee'),
      ('distance', 'distance'), ('dropoff', 'dropoff'), ('pickup', 'pickup'), ('priority', 'priorities'),
      ('reason_for', 'reasons_for'), ('reason_against', 'reasons_against')) k (q, name)
    cross join lateral (
      select a.answers ->> k.name where jsonb_typeof(a.answers -> k.name) = 'string'
      union all
      select t from jsonb_array_elements_text(
        case when jsonb_typeof(a.answers -> k.name) = 'array' then a.answers -> k.name else '[]'::jsonb end) t) e (v))
  select json_build_object(
    'responses', (select count(*) from a),
    'wants_care', (select count(*) from a where a.wants_care = 'yes'),
    'undecided', (select count(*) from a where a.wants_care = 'undecided'),
    'children', (select count(*) from c),
    'households', coalesce((select json_agg(json_build_object('household', h.household, 'responses', h.n) order by h.household)
      from (select coalesce(a.household, '') as household, count(*) as n from a group by 1) h), '[]'),
    'versions', coalesce((select json_agg(json_build_object('version', f.form_version, 'responses', f.n) order by f.form_version)
      from (select a.form_version, count(*) as n from a group by 1) f), '[]'),
    'without_township', (select count(*) from a where a.township is null),
    'over_time', coalesce((select json_agg(json_build_object('day', d.day, 'responses', d.n) order by d.day)
      from (select (a.submitted_at at time zone 'Asia/Shanghai')::date as day, count(*) as n from a group by 1) d), '[]'),
    'by_source', coalesce((select json_agg(json_build_object('source', s.source_code, 'channel', s.channel, 'responses', s.n) order by s.n desc, s.source_code, s.channel)
      from (select a.source_code, a.channel, count(*) as n from a group by 1, 2) s), '[]'),
    'by_township', coalesce((select json_agg(json_build_object('township', t.township, 'responses', t.n, 'wants_care', t.w,
        'undecided', t.u, 'expecting', t.e) order by t.township)
      from (select a.township, count(*) as n, count(*) filter (where a.wants_care = 'yes') as w,
              count(*) filter (where a.wants_care = 'undecided') as u, count(*) filter (where a.household = 'expecting') as e
            from a where a.township is not null group by 1) t), '[]'),
    'age_bands', (select json_agg(json_build_object('band', b.band,
        'children', (select count(*) from c where c.band = b.band),
        'wants_care', (select count(*) from c where c.band = b.band and c.wants_care = 'yes'),
        'undecided', (select count(*) from c where c.band = b.band and c.wants_care = 'undecided')) order by b.band)
      from unnest(array['0_12', '13_24', '25_36']) b (band)),
    'answers', coalesce((select json_object_agg(q.q, q.vals) from (
        select k.q, json_object_agg(k.v, k.n order by k.v) as vals
        from (select counts.q, counts.v, count(*) as n from counts group by 1, 2) k group by k.q) q), '{}'),
    'crosstab', coalesce((select json_agg(json_build_object('township', x.township, 'band', x.band, 'wants_care', x.wants_care, 'children', x.n)
        order by x.township, x.band, x.wants_care)
      from (select c.township, c.band, c.wants_care, count(*) as n from c group by 1, 2, 3) x), '[]'),
    'choices', app_private.survey_choice_labels())
  into v;
  return v;
end
$$;
comment on function public.survey_dashboard(date, date, text) is 'Outreach: survey figures of every questionnaire version (totals, households, versions, over time, by source, township, age band at the form''s date, answers, township × band × wants care yes/no/undecided, choice labels of the published versions) for a date range and source. Definer: reads app.survey_answers.';

-- Distribution points count every answer given with their code, whatever its version. Definer: app.survey_answers
-- is private.
create or replace function public.list_distribution_points()
returns table (code text, name text, township text, distributed_on date, responses bigint)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app_private.require_staff_role('outreach');
  return query
    select d.code, d.name, d.township::text, d.distributed_on,
      (select count(*) from app.survey_answers a where a.source_code = d.code)
    from app.survey_distribution_points d order by d.distributed_on desc, d.code;
end
$$;
comment on function public.list_distribution_points() is 'Outreach: every distribution point with its number of answers (every questionnaire version). Definer: reads app.survey_answers.';

-- 2. Published results -------------------------------------------------------------------------------------------
-- The figures to publish, computed now from app.survey_answers. Cells (each a count of people):
--   R all answers, W want care, U not decided yet, NO do not want care (never published), N = R − W (never published);
--   households under3 / expecting / older_only; per township r, w, n (n never published) and r.none, the answers
--   without a township (never published); per age band children, wanting, not wanting (never published) and the
--   children totals (never published); care forms and fee bands (every value of the enum of the pre-definition form
--   and of the published versions' lists, each counted under its own value).
-- The sums they obey, "total = Σ parts": R = W + N; R = Σ r + r.none; W = Σ w; N = Σ n + r.none; each township
--   r = w + n; R = Σ households; under3 = W + U + NO; N = expecting + older_only + U + NO; per band children =
--   wanting + not; the band columns add up to the totals; W = Σ care forms = Σ fee bands (every family that wants
--   care answers both, in every version). Cells under 5 are withheld; then, as long as an attacker who repeatedly
--   solves any of these sums with exactly one unknown term can work out a count of 1–4, one more published cell of
--   the sum that gave it away is withheld (a part before the total, the smallest first). A derived 0 describes
--   nobody and is allowed. Owner only.
create or replace function app_private.survey_protected_figures() returns json
language plpgsql stable set search_path = '' as $$
declare
  -- The active townships, then any other township an answer names (so that R = Σ r + r.none holds).
  v_t text[] := array(select t.code from app.townships t where t.active order by t.sort_order, t.code)
    || array(select distinct s.answers ->> 'township' from app.survey_answers s
             where s.answers ->> 'township' is not null
               and not exists (select 1 from app.townships t where t.active and t.code = s.answers ->> 'township')
             order by 1);
  v_bands constant text[] := array['0_12', '13_24', '25_36'];
  v_households constant text[] := array['under3', 'expecting', 'older_only'];
  v_forms text[];
  v_fees text[];
  names text[] := '{}';
  hidden boolean[] := '{}';
  v bigint[] := '{}';
  pub boolean[];
  known boolean[];
  via integer[];
  m integer[];
  n integer;
  g integer;
  i integer;
  k integer;
  x integer;
  v_last integer;
  v_unknown integer;
  v_changed boolean;
  v_target integer;
  v_pick integer;
  v_next integer;
  v_sums text[] := '{}';
begin
  -- Value lists: the pre-definition enum, then every published version's list (newest first), each value once.
  select array_agg(y.v order by y.r, y.o) into v_forms from (
    select distinct on (z.v) z.v, z.r, z.o from (
      select e.v::text as v, 0 as r, e.o from unnest(enum_range(null::app.survey_care_form)) with ordinality e (v, o)
      union all
      select c.e ->> 'name', f.r, c.o
      from (select s.definition, row_number() over (order by s.published_at desc, s.version desc) as r from app.survey_forms s) f
      cross join lateral jsonb_array_elements(coalesce(f.definition -> 'choices' -> 'care_form', '[]'::jsonb)) with ordinality c (e, o)) z
    order by z.v, z.r, z.o) y;
  select array_agg(y.v order by y.r, y.o) into v_fees from (
    select distinct on (z.v) z.v, z.r, z.o from (
      select e.v::text as v, 0 as r, e.o from unnest(enum_range(null::app.survey_fee)) with ordinality e (v, o)
      union all
      select c.e ->> 'name', f.r, c.o
      from (select s.definition, row_number() over (order by s.published_at desc, s.version desc) as r from app.survey_forms s) f
      cross join lateral jsonb_array_elements(coalesce(f.definition -> 'choices' -> 'fee', '[]'::jsonb)) with ordinality c (e, o)) z
    order by z.v, z.r, z.o) y;

  -- Every cell: its name, whether it is never published, its true value (in a fixed order).
  with a as (select s.answers ->> 'township' as township, s.answers ->> 'household' as household,
               s.answers ->> 'wants_care' as wants_care, s.answers ->> 'care_form' as care_form, s.answers ->> 'fee' as fee
             from app.survey_answers s),
  c as (select app_private.age_band(p.age_months) as band, p.wants_care
        from app_private.survey_planning() p where p.household = 'under3' and p.age_months between 0 and 36),
  cells as (
    select 1 as o1, 0::bigint as o2, 'R' as name, false as hidden, (select count(*) from a) as n
    union all select 2, 0, 'W', false, (select count(*) from a where a.wants_care = 'yes')
    union all select 3, 0, 'N', true, (select count(*) from a where a.wants_care is distinct from 'yes')
    union all select 4, 0, 'U', false, (select count(*) from a where a.wants_care = 'undecided')
    union all select 5, 0, 'NO', true, (select count(*) from a where a.wants_care = 'no')
    union all select 6, 0, 'r.none', true, (select count(*) from a where a.township is null)
    union all select 7, 0, 'C', true, (select count(*) from c)
    union all select 8, 0, 'CW', true, (select count(*) from c where c.wants_care = 'yes')
    union all select 9, 0, 'CN', true, (select count(*) from c where c.wants_care is distinct from 'yes')
    union all
    select 10, h.o, 'hh.' || h.h, false, (select count(*) from a where a.household = h.h)
    from unnest(v_households) with ordinality h (h, o)
    union all
    select 11 + x.k, t.o, x.kind || '.' || t.t, x.kind = 'n',
      (select count(*) from a where a.township = t.t
         and case x.kind when 'r' then true when 'w' then a.wants_care = 'yes' else a.wants_care is distinct from 'yes' end)
    from unnest(v_t) with ordinality t (t, o) cross join (values (0, 'r'), (1, 'w'), (2, 'n')) x (k, kind)
    union all
    select 14 + x.k, b.o, x.kind || '.' || b.b, x.kind = 'cn',
      (select count(*) from c where c.band = b.b
         and case x.kind when 'c' then true when 'cw' then c.wants_care = 'yes' else c.wants_care is distinct from 'yes' end)
    from unnest(v_bands) with ordinality b (b, o) cross join (values (0, 'c'), (1, 'cw'), (2, 'cn')) x (k, kind)
    union all
    select 17, f.o, 'form.' || f.f, false, (select count(*) from a where a.care_form = f.f)
    from unnest(v_forms) with ordinality f (f, o)
    union all
    select 18, f.o, 'fee.' || f.f, false, (select count(*) from a where a.fee = f.f)
    from unnest(v_fees) with ordinality f (f, o))
  select array_agg(cells.name order by cells.o1, cells.o2), array_agg(cells.hidden order by cells.o1, cells.o2),
    array_agg(cells.n order by cells.o1, cells.o2)
  into names, hidden, v from cells;
  n := cardinality(names);

  -- The sums, by cell name ("total,part,part,…"), then as cell numbers.
  v_sums := array[
    'R,W,N',
    'R,' || (select string_agg('r.' || t, ',') from unnest(v_t) t) || ',r.none',
    'W,' || (select string_agg('w.' || t, ',') from unnest(v_t) t),
    'N,' || (select string_agg('n.' || t, ',') from unnest(v_t) t) || ',r.none',
    'R,hh.under3,hh.expecting,hh.older_only',
    'hh.under3,W,U,NO',
    'N,hh.expecting,hh.older_only,U,NO',
    'C,c.0_12,c.13_24,c.25_36',
    'CW,cw.0_12,cw.13_24,cw.25_36',
    'CN,cn.0_12,cn.13_24,cn.25_36',
    'C,CW,CN',
    'W,' || (select string_agg('form.' || f, ',') from unnest(v_forms) f),
    'W,' || (select string_agg('fee.' || f, ',') from unnest(v_fees) f)]
    || array(select format('r.%s,w.%s,n.%s', t, t, t) from unnest(v_t) t)
    || array(select format('c.%s,cw.%s,cn.%s', b, b, b) from unnest(v_bands) b);

  -- Published: every cell that is not a hidden one and is 5 or more.
  pub := array_fill(false, array[n]);
  for i in 1..n loop
    pub[i] := v[i] >= 5 and not hidden[i];
  end loop;

  loop
    -- What subtraction reveals, to a fixed point.
    known := pub;
    via := array_fill(0, array[n]);
    loop
      v_changed := false;
      for g in 1..cardinality(v_sums) loop
        m := array(select array_position(names, e) from unnest(string_to_array(v_sums[g], ',')) e);
        v_unknown := 0;
        foreach x in array m loop
          if not known[x] then
            v_unknown := v_unknown + 1;
            v_last := x;
          end if;
        end loop;
        if v_unknown = 1 then
          known[v_last] := true;
          via[v_last] := g;
          v_changed := true;
        end if;
      end loop;
      exit when not v_changed;
    end loop;
    v_target := null;
    for i in 1..n loop
      if known[i] and not pub[i] and v[i] between 1 and 4 then
        v_target := i;
        exit;
      end if;
    end loop;
    exit when v_target is null;
    -- Withhold one more published cell of the sum that revealed it (or of the sum behind a cell it used).
    loop
      m := array(select array_position(names, e) from unnest(string_to_array(v_sums[via[v_target]], ',')) e);
      v_pick := null;
      for k in 2..cardinality(m) loop
        if m[k] <> v_target and pub[m[k]] and (v_pick is null or v[m[k]] < v[v_pick]) then
          v_pick := m[k];
        end if;
      end loop;
      if v_pick is null and m[1] <> v_target and pub[m[1]] then
        v_pick := m[1];
      end if;
      exit when v_pick is not null;
      v_next := null;
      foreach x in array m loop
        if x <> v_target and not pub[x] and via[x] <> 0 then
          v_next := x;
          exit;
        end if;
      end loop;
      if v_next is null then
        raise exception 'survey_protected_figures: no cell left to withhold' using errcode = 'XX000';
      end if;
      v_target := v_next;
    end loop;
    pub[v_pick] := false;
  end loop;

  return (
    with cell as (select s.name, case when pub[s.i] then v[s.i] end as n
                  from unnest(names) with ordinality s (name, i))
    select json_build_object(
      'suppressed_below', 5,
      'responses', (select cell.n from cell where cell.name = 'R'),
      'wants_care', (select cell.n from cell where cell.name = 'W'),
      'undecided', (select cell.n from cell where cell.name = 'U'),
      'households', (select json_agg(json_build_object('value', h,
          'responses', (select cell.n from cell where cell.name = 'hh.' || h)) order by o)
        from unnest(v_households) with ordinality h (h, o)),
      'by_township', (select json_agg(json_build_object('township', t,
          'responses', (select cell.n from cell where cell.name = 'r.' || t),
          'wants_care', (select cell.n from cell where cell.name = 'w.' || t)) order by o)
        from unnest(v_t) with ordinality t (t, o)),
      'demand_by_age_band', (select json_agg(json_build_object('band', b,
          'children', (select cell.n from cell where cell.name = 'c.' || b),
          'wants_care', (select cell.n from cell where cell.name = 'cw.' || b)) order by o)
        from unnest(v_bands) with ordinality b (b, o)),
      'care_forms', (select json_agg(json_build_object('value', f,
          'responses', (select cell.n from cell where cell.name = 'form.' || f)) order by o)
        from unnest(v_forms) with ordinality f (f, o)),
      'fees', (select json_agg(json_build_object('value', f,
          'responses', (select cell.n from cell where cell.name = 'fee.' || f)) order by o)
        from unnest(v_fees) with ordinality f (f, o))));
end
$$;
comment on function app_private.survey_protected_figures() is 'The survey figures to publish, computed now from every answer of every questionnaire version (app.survey_answers): counts under 5 withheld, plus complementary cells until no count of 1–4 follows by subtraction. Owner only (the daily refresh calls it).';

-- The daily batch counts every answer (app.survey_answers).
create or replace function app_private.refresh_survey_results() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_figures json := app_private.survey_protected_figures();
  v_responses bigint;
begin
  select count(*) into v_responses from app.survey_answers;
  insert into app_private.survey_results_snapshot as s (id, figures, responses, refreshed_at)
  values (true, v_figures, v_responses, now())
  on conflict on constraint survey_results_snapshot_pkey do update
    set figures = excluded.figures, responses = excluded.responses, refreshed_at = excluded.refreshed_at;
  return v_responses::integer;
end
$$;

-- 3. Export with phones ------------------------------------------------------------------------------------------
-- The typed export's phone column also gives the phone of a versioned answer stored in the typed columns (its
-- number is in app.survey_answer_contacts). Answers that only app.survey_answers holds are exported, with their
-- phones for admins, by export_survey_answers (below).
create or replace function app_private.export_survey(p_with_phones boolean, p_from date, p_to date, p_source text)
returns table (reference text, submitted_at timestamptz, channel text, source_code text, consent_version text,
  relation text, children_count integer, child_birth_months text, child_age_months text, carer text, in_care text,
  wants_care boolean, reasons_for text, reasons_against text, provider text, care_form text, fee text,
  distance text, dropoff text, pickup text, priorities text, township text, community text, phone text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_rows integer;
begin
  perform app_private.require_staff_role(case when coalesce(p_with_phones, false) then 'admin' else 'outreach' end);
  select count(*) into v_rows from app.survey_responses x
  where (p_from is null or (x.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
    and (p_to is null or (x.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
    and (p_source is null or x.source_code = p_source);
  perform app_private.log_audit('survey.export', 'app.survey_responses', null,
    jsonb_build_object('with_phones', coalesce(p_with_phones, false), 'from', p_from, 'to', p_to, 'source', p_source, 'rows', v_rows));
  return query
    select r.reference, r.submitted_at, r.channel, r.source_code, r.consent_version,
      r.relation::text, r.children_count::integer,
      (select string_agg(to_char(ch.birth_month, 'YYYY-MM'), ';' order by ch.ordinal) from app.survey_children ch where ch.response_id = r.id),
      (select string_agg(ch.age_months::text, ';' order by ch.ordinal) from app.survey_children ch where ch.response_id = r.id),
      r.carer::text, r.in_care::text, r.wants_care, array_to_string(r.reasons_for, ';'), array_to_string(r.reasons_against, ';'),
      r.provider::text, r.care_form::text, r.fee::text, r.distance::text, r.dropoff::text, r.pickup::text,
      array_to_string(r.priorities, ';'), r.township::text, r.community,
      case when coalesce(p_with_phones, false) then coalesce(
        (select k.phone from app.survey_contacts k where k.response_id = r.id),
        (select k.phone from app.survey_answer_contacts k where k.response_id = r.id)) end
    from app.survey_responses r
    where (p_from is null or (r.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
      and (p_to is null or (r.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
      and (p_source is null or r.source_code = p_source)
    order by r.seq;
end
$$;

-- Every answer with its phone, for admins who ask (the export of every version replaces the typed one for that):
-- export_survey_answers gains p_with_phones (last, default false, so calls by name without it are unchanged).
drop function public.export_survey_answers(date, date, text);
drop function app_private.export_survey_answers(date, date, text);

create function app_private.export_survey_answers(p_from date, p_to date, p_source text, p_with_phones boolean)
returns table (reference text, submitted_at timestamptz, channel text, source_code text, form_version text, form_date date,
  answers jsonb, phone text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_rows integer;
begin
  perform app_private.require_staff_role(case when coalesce(p_with_phones, false) then 'admin' else 'outreach' end);
  select count(*) into v_rows from app.survey_answers x
  where (p_from is null or (x.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
    and (p_to is null or (x.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
    and (p_source is null or x.source_code = p_source);
  perform app_private.log_audit('survey.export_answers', 'app.survey_answers', null,
    jsonb_build_object('with_phones', coalesce(p_with_phones, false), 'from', p_from, 'to', p_to, 'source', p_source, 'rows', v_rows));
  return query
    select a.reference, a.submitted_at, a.channel, a.source_code, a.form_version, a.form_date, a.answers,
      case when coalesce(p_with_phones, false) then coalesce(
        (select k.phone from app.survey_answer_contacts k where k.response_id = a.response_id),
        (select k.phone from app.survey_contacts k where k.response_id = a.response_id)) end
    from app.survey_answers a
    where (p_from is null or (a.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
      and (p_to is null or (a.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
      and (p_source is null or a.source_code = p_source)
    order by a.submitted_at, a.reference;
end
$$;
comment on function app_private.export_survey_answers(date, date, text, boolean) is 'Outreach: every survey answer (JSON, version, form date) for export, audited (survey.export_answers); with phones (consented, of every version): admins only. Definer: the tables are private.';
revoke all on function app_private.export_survey_answers(date, date, text, boolean) from public, anon, authenticated;
grant execute on function app_private.export_survey_answers(date, date, text, boolean) to authenticated;

create function public.export_survey_answers(p_from date default null, p_to date default null, p_source text default null,
  p_with_phones boolean default false)
returns table (reference text, submitted_at timestamptz, channel text, source_code text, form_version text, form_date date,
  answers jsonb, phone text)
language sql volatile set search_path = '' as $$
  select * from app_private.export_survey_answers(p_from, p_to, p_source, p_with_phones)
$$;
comment on function public.export_survey_answers(date, date, text, boolean) is 'Outreach: every survey answer with its questionnaire version and form date (JSON), audited; p_with_phones (admins only) adds the consented phone of every version.';
revoke all on function public.export_survey_answers(date, date, text, boolean) from public, anon, authenticated;
grant execute on function public.export_survey_answers(date, date, text, boolean) to authenticated;
