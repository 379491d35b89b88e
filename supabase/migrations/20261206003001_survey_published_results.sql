-- Published survey results that give nobody away (issue 15, item 7):
--  * complementary suppression: besides every count under 5, further cells are withheld until no count of 1–4
--    people (published or not: e.g. "families in township X who do not want care") can be worked out by
--    subtracting published figures from published totals, rows or columns;
--  * batches: the public reads a snapshot made by the daily maintenance job, never the live tables, so one new
--    answer changes nothing public until the next batch.
-- Sections: 1. tables, 2. private functions, 3. public functions, 4. the first snapshot.

-- 1. Tables ------------------------------------------------------------------------------------------------
-- One row: the figures as published and when they were computed. Written only by refresh_survey_results.
create table app_private.survey_results_snapshot (
  id boolean constraint survey_results_snapshot_pkey primary key default true
    constraint survey_results_snapshot_one_row check (id),
  figures json not null,
  responses bigint not null,
  refreshed_at timestamptz not null
);
comment on table app_private.survey_results_snapshot is 'The published survey figures (after complementary suppression) and when they were made; refreshed daily. Never granted: anon reads it through survey_public_summary.';
alter table app_private.survey_results_snapshot enable row level security;

-- 2. Private functions -------------------------------------------------------------------------------------
-- Computes the figures to publish from the live tables. The published tables, seen as sums:
--   R = Σ townships' responses, W = Σ townships' wants_care, R = W + N, each township r = w + n, N = Σ n
--   (N and every n are never published but can be worked out); per age band children = wanting + not wanting,
--   and the three band columns add up to unpublished totals; W = Σ care forms = Σ fee bands (every family that
--   wants care answers both). Cells under 5 are withheld; then, as long as an attacker who repeatedly solves any
--   of these sums with exactly one unknown term can work out a count of 1–4, one more published cell of the sum
--   that gave it away is withheld (a part before the total, the smallest first). A derived 0 describes nobody and
--   is allowed. Owner only.
create function app_private.survey_protected_figures() returns json
language plpgsql stable set search_path = '' as $$
declare
  v_t text[] := enum_range(null::app.survey_township)::text[];
  v_bands constant text[] := array['0_12', '13_24', '25_36'];
  v_forms text[] := enum_range(null::app.survey_care_form)::text[];
  v_fees text[] := enum_range(null::app.survey_fee)::text[];
  nt integer := cardinality(v_t);
  -- cell numbers: 1 R, 2 W, 3 N; townships r, w, n; bands children, wanting, not; children totals; forms; fees
  i_r integer := 3;
  i_w integer := 3 + nt;
  i_n integer := 3 + 2 * nt;
  i_c integer := 3 + 3 * nt;
  i_cw integer := 6 + 3 * nt;
  i_cn integer := 9 + 3 * nt;
  i_ctot integer := 13 + 3 * nt; -- C, CW, CN
  i_f integer := 15 + 3 * nt;
  i_fee integer := 15 + 3 * nt + cardinality(v_forms);
  n integer := 15 + 3 * nt + cardinality(v_forms) + cardinality(v_fees);
  v bigint[];
  pub boolean[];
  known boolean[];
  via integer[];
  groups text[] := '{}';
  m integer[];
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
  a bigint;
  b bigint;
begin
  v := array_fill(0::bigint, array[n]);
  select count(*), count(*) filter (where r.wants_care) into a, b from app.survey_responses r;
  v[1] := a;
  v[2] := b;
  v[3] := a - b;
  for i in 1..nt loop
    select count(*), count(*) filter (where r.wants_care) into a, b
    from app.survey_responses r where r.township::text = v_t[i];
    v[i_r + i] := a;
    v[i_w + i] := b;
    v[i_n + i] := a - b;
  end loop;
  for i in 1..3 loop
    select count(*), count(*) filter (where r.wants_care) into a, b
    from app.survey_children ch join app.survey_responses r on r.id = ch.response_id
    where app_private.age_band(ch.age_months) = v_bands[i];
    v[i_c + i] := a;
    v[i_cw + i] := b;
    v[i_cn + i] := a - b;
  end loop;
  v[i_ctot + 1] := v[i_c + 1] + v[i_c + 2] + v[i_c + 3];
  v[i_ctot + 2] := v[i_cw + 1] + v[i_cw + 2] + v[i_cw + 3];
  v[i_ctot + 3] := v[i_cn + 1] + v[i_cn + 2] + v[i_cn + 3];
  for i in 1..cardinality(v_forms) loop
    select count(*) into a from app.survey_responses r where r.care_form::text = v_forms[i];
    v[i_f + i] := a;
  end loop;
  for i in 1..cardinality(v_fees) loop
    select count(*) into a from app.survey_responses r where r.fee::text = v_fees[i];
    v[i_fee + i] := a;
  end loop;

  -- The sums, each "total,part,part,…".
  groups := array[
    '1,2,3',
    '1,' || (select string_agg((i_r + s)::text, ',' order by s) from generate_series(1, nt) s),
    '2,' || (select string_agg((i_w + s)::text, ',' order by s) from generate_series(1, nt) s),
    '3,' || (select string_agg((i_n + s)::text, ',' order by s) from generate_series(1, nt) s)];
  for i in 1..nt loop
    groups := groups || format('%s,%s,%s', i_r + i, i_w + i, i_n + i);
  end loop;
  for i in 1..3 loop
    groups := groups || format('%s,%s,%s', i_c + i, i_cw + i, i_cn + i);
  end loop;
  groups := groups || array[
    format('%s,%s,%s,%s', i_ctot + 1, i_c + 1, i_c + 2, i_c + 3),
    format('%s,%s,%s,%s', i_ctot + 2, i_cw + 1, i_cw + 2, i_cw + 3),
    format('%s,%s,%s,%s', i_ctot + 3, i_cn + 1, i_cn + 2, i_cn + 3),
    format('%s,%s,%s', i_ctot + 1, i_ctot + 2, i_ctot + 3),
    '2,' || (select string_agg((i_f + s)::text, ',' order by s) from generate_series(1, cardinality(v_forms)) s),
    '2,' || (select string_agg((i_fee + s)::text, ',' order by s) from generate_series(1, cardinality(v_fees)) s)];

  -- Published: every cell that is not a hidden one (N, n, not-wanting children, children totals) and is 5 or more.
  pub := array_fill(false, array[n]);
  for i in 1..n loop
    pub[i] := v[i] >= 5 and not (i = 3 or (i > i_n and i <= i_n + nt) or (i > i_cn and i <= i_ctot + 3));
  end loop;

  loop
    -- What subtraction reveals, to a fixed point.
    known := pub;
    via := array_fill(0, array[n]);
    loop
      v_changed := false;
      for g in 1..cardinality(groups) loop
        m := string_to_array(groups[g], ',')::integer[];
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
      m := string_to_array(groups[via[v_target]], ',')::integer[];
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

  return json_build_object(
    'suppressed_below', 5,
    'responses', case when pub[1] then v[1] end,
    'wants_care', case when pub[2] then v[2] end,
    'by_township', (select json_agg(json_build_object('township', v_t[s],
        'responses', case when pub[i_r + s] then v[i_r + s] end,
        'wants_care', case when pub[i_w + s] then v[i_w + s] end) order by s)
      from generate_series(1, nt) s),
    'demand_by_age_band', (select json_agg(json_build_object('band', v_bands[s],
        'children', case when pub[i_c + s] then v[i_c + s] end,
        'wants_care', case when pub[i_cw + s] then v[i_cw + s] end) order by s)
      from generate_series(1, 3) s),
    'care_forms', (select json_agg(json_build_object('value', v_forms[s],
        'responses', case when pub[i_f + s] then v[i_f + s] end) order by s)
      from generate_series(1, cardinality(v_forms)) s),
    'fees', (select json_agg(json_build_object('value', v_fees[s],
        'responses', case when pub[i_fee + s] then v[i_fee + s] end) order by s)
      from generate_series(1, cardinality(v_fees)) s));
end
$$;
comment on function app_private.survey_protected_figures() is 'The survey figures to publish, computed now: counts under 5 withheld, plus complementary cells until no count of 1–4 follows by subtraction. Owner only (the daily refresh calls it).';
revoke all on function app_private.survey_protected_figures() from public, anon, authenticated;

-- The daily batch: replaces the snapshot; returns the number of responses it covers. Definer so the embedded
-- API's daily job can run it as service_role; on Supabase pg_cron runs it as the owner.
create function app_private.refresh_survey_results() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_figures json := app_private.survey_protected_figures();
  v_responses bigint;
begin
  select count(*) into v_responses from app.survey_responses;
  insert into app_private.survey_results_snapshot as s (id, figures, responses, refreshed_at)
  values (true, v_figures, v_responses, now())
  on conflict on constraint survey_results_snapshot_pkey do update
    set figures = excluded.figures, responses = excluded.responses, refreshed_at = excluded.refreshed_at;
  return v_responses::integer;
end
$$;
comment on function app_private.refresh_survey_results() is 'Daily batch: recomputes the published survey figures (complementary suppression) into the snapshot; returns the responses covered. Definer: owner and service_role (npm start daily, pg_cron).';
revoke all on function app_private.refresh_survey_results() from public, anon, authenticated;
grant execute on function app_private.refresh_survey_results() to service_role;

-- The published summary now reads the snapshot, with the time it was made.
create or replace function app_private.survey_public_summary() returns json
language sql stable security definer set search_path = '' as $$
  select (s.figures::jsonb || jsonb_build_object('refreshed_at', s.refreshed_at, 'refreshed', 'daily'))::json
  from app_private.survey_results_snapshot s
$$;
comment on function app_private.survey_public_summary() is 'The published survey figures from the latest daily snapshot (complementary suppression), with refreshed_at. Definer: anon reads no response row.';

-- 3. Public functions --------------------------------------------------------------------------------------
comment on function public.survey_results() is 'Anyone: the published survey figures of the latest daily batch (counts under 5 and complementary cells withheld as null), with refreshed_at.';

-- For the service key (a scheduler without pg_cron, the browser tests' API): the same batch as the daily job.
create function public.refresh_survey_results() returns integer
language sql volatile set search_path = '' as $$
  select app_private.refresh_survey_results()
$$;
comment on function public.refresh_survey_results() is 'service_role: recompute the published survey figures now (normally daily); returns the responses covered.';
revoke all on function public.refresh_survey_results() from public, anon, authenticated;
grant execute on function public.refresh_survey_results() to service_role;

-- 4. The first snapshot ------------------------------------------------------------------------------------
select app_private.refresh_survey_results();
