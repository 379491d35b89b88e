-- Double entry of paper questionnaires: a first person's entry waits; a second person enters the same form (same
-- form number); identical answers are accepted as one response, differing fields are named and nothing is stored.
-- Sections: 1. tables, 2. private functions, 3. public functions.

-- 1. Tables ------------------------------------------------------------------------------------------------
create table app.survey_paper_entries (
  form_no text constraint survey_paper_entries_pkey primary key
    constraint survey_paper_entries_form_no_format check (form_no ~ '^[A-Za-z0-9-]{1,32}$'),
  response jsonb not null,
  source_code text not null,
  entered_by uuid not null,
  created_at timestamptz not null default now()
);
comment on table app.survey_paper_entries is 'First entries of double-entered paper forms, waiting for the second entry. Written only by enter_paper_survey_twice.';
alter table app.survey_paper_entries enable row level security;

-- 2. Private functions -------------------------------------------------------------------------------------
-- The answer fields two entries must agree on (not the id, fill time, honeypot or src a form session adds).
create function app_private.differing_answers(a jsonb, b jsonb) returns text[]
language sql immutable set search_path = '' as $$
  select coalesce(array_agg(k order by k), '{}')
  from unnest(array['relation', 'children', 'carer', 'in_care', 'wants_care', 'reasons_for', 'reasons_against',
    'provider', 'care_form', 'fee', 'distance', 'dropoff', 'pickup', 'priorities', 'township', 'community',
    'phone', 'phone_consent', 'consent']) k
  where (case when jsonb_typeof(a -> k) = 'array' and k <> 'children'
              then (select jsonb_agg(e order by e) from jsonb_array_elements(a -> k) e) else a -> k end)
        is distinct from
        (case when jsonb_typeof(b -> k) = 'array' and k <> 'children'
              then (select jsonb_agg(e order by e) from jsonb_array_elements(b -> k) e) else b -> k end)
    and not (coalesce(a ->> k, '') = '' and coalesce(b ->> k, '') = '' and k in ('community', 'phone'))
$$;
comment on function app_private.differing_answers(jsonb, jsonb) is 'Names of the answer fields that differ between two entries of one paper form (order of multiple choices ignored).';
revoke all on function app_private.differing_answers(jsonb, jsonb) from public, anon, authenticated;

-- Definer: reads and writes app.survey_paper_entries and app.survey_responses. Checks the outreach role itself.
create function app_private.enter_paper_survey_twice(p_form_no text, p_response jsonb, p_source_code text) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_first app.survey_paper_entries;
  v_diff text[];
  v_result json;
  v_src text := lower(btrim(coalesce(p_source_code, '')));
begin
  perform app_private.require_staff_role('outreach');
  if v_src <> 'paper' and not exists (select 1 from app.survey_distribution_points d where d.code = v_src) then
    raise exception 'unknown source code: %', v_src using errcode = 'P0001';
  end if;
  select * into v_first from app.survey_paper_entries e where e.form_no = btrim(p_form_no) for update;
  if not found then
    insert into app.survey_paper_entries (form_no, response, source_code, entered_by)
    values (btrim(p_form_no), p_response, v_src, auth.uid());
    return json_build_object('status', 'first_entry_saved', 'form_no', btrim(p_form_no));
  end if;
  if v_first.entered_by = auth.uid() then
    raise exception 'the second entry must be made by another person' using errcode = 'P0001',
      hint = 'Ask a colleague to enter the same form.';
  end if;
  v_diff := app_private.differing_answers(v_first.response, p_response);
  if v_first.source_code <> v_src then
    v_diff := v_diff || 'source_code';
  end if;
  if cardinality(v_diff) > 0 then
    return json_build_object('status', 'mismatch', 'form_no', v_first.form_no, 'fields', v_diff);
  end if;
  v_result := app_private.insert_survey_response(v_first.response, 'paper', v_src, v_first.entered_by);
  delete from app.survey_paper_entries e where e.form_no = v_first.form_no;
  perform app_private.log_audit('survey.paper_entry', 'app.survey_responses', v_first.response ->> 'id',
    jsonb_build_object('source_code', v_src, 'form_no', v_first.form_no, 'second_entry_by', auth.uid()));
  return json_build_object('status', 'accepted', 'form_no', v_first.form_no, 'reference', v_result ->> 'reference');
end
$$;
comment on function app_private.enter_paper_survey_twice(text, jsonb, text) is 'Outreach: double entry of a paper form (first entry waits; a second, by another person, is compared; equal → stored). Definer: writes app.*.';
revoke all on function app_private.enter_paper_survey_twice(text, jsonb, text) from public, anon, authenticated;
grant execute on function app_private.enter_paper_survey_twice(text, jsonb, text) to authenticated;

-- 3. Public functions --------------------------------------------------------------------------------------
create function public.enter_paper_survey_twice(p_form_no text, p_response jsonb, p_source_code text) returns json
language sql volatile set search_path = '' as $$
  select app_private.enter_paper_survey_twice(p_form_no, p_response, p_source_code)
$$;
comment on function public.enter_paper_survey_twice(text, jsonb, text) is 'Outreach: double entry of a paper form: {status: first_entry_saved | mismatch (fields) | accepted (reference)}.';
revoke all on function public.enter_paper_survey_twice(text, jsonb, text) from public, anon, authenticated;
grant execute on function public.enter_paper_survey_twice(text, jsonb, text) to authenticated;
