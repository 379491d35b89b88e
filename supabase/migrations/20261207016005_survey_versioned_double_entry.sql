-- Double entry of versioned paper forms (issue 16): the two entries are compared answer by answer, named by
-- their path in the answers ('fee', 'children.0.birth_month'; the phone form shows each question's label), and the
-- agreed entry is stored like any versioned paper answer (checked at the form's date).

-- Paths where two versioned entries differ: form_version, form_date, consent, and every answer (the order of a
-- multiple choice ignored; missing, null, '' and [] alike; a repeat block by block).
create function app_private.differing_versioned_answers(a jsonb, b jsonb) returns text[]
language plpgsql immutable set search_path = '' as $$
declare
  v_out text[] := '{}';
  v_key text;
  v_x jsonb;
  v_y jsonb;
  v_i integer;
  v_inner text;
  v_aa jsonb := case when jsonb_typeof(a -> 'answers') = 'object' then a -> 'answers' else '{}'::jsonb end;
  v_ba jsonb := case when jsonb_typeof(b -> 'answers') = 'object' then b -> 'answers' else '{}'::jsonb end;
begin
  foreach v_key in array array['form_version', 'form_date', 'consent'] loop
    if (a -> v_key) is distinct from (b -> v_key) then
      v_out := v_out || v_key;
    end if;
  end loop;
  for v_key in select k from (select jsonb_object_keys(v_aa) k union select jsonb_object_keys(v_ba)) x order by k collate "C" loop
    v_x := v_aa -> v_key;
    v_y := v_ba -> v_key;
    if jsonb_typeof(v_x) = 'array' and jsonb_typeof(v_y) = 'array'
       and jsonb_path_exists(v_x, '$[*] ? (@.type() == "object")') and jsonb_path_exists(v_y, '$[*] ? (@.type() == "object")') then
      if jsonb_array_length(v_x) <> jsonb_array_length(v_y) then
        v_out := v_out || v_key;
        continue;
      end if;
      for v_i in 0 .. jsonb_array_length(v_x) - 1 loop
        for v_inner in select k from (select jsonb_object_keys(case when jsonb_typeof(v_x -> v_i) = 'object' then v_x -> v_i else '{}' end) k
            union select jsonb_object_keys(case when jsonb_typeof(v_y -> v_i) = 'object' then v_y -> v_i else '{}' end)) x order by k collate "C" loop
          if app_private.survey_answer_key(v_x -> v_i -> v_inner) is distinct from app_private.survey_answer_key(v_y -> v_i -> v_inner) then
            v_out := v_out || (v_key || '.' || v_i || '.' || v_inner);
          end if;
        end loop;
      end loop;
    elsif app_private.survey_answer_key(v_x) is distinct from app_private.survey_answer_key(v_y) then
      v_out := v_out || v_key;
    end if;
  end loop;
  return v_out;
end
$$;
comment on function app_private.differing_versioned_answers(jsonb, jsonb) is 'Paths where two entries of one versioned paper form differ (order of multiple choices ignored; blank answers alike). Owner only.';
revoke all on function app_private.differing_versioned_answers(jsonb, jsonb) from public, anon, authenticated;

-- An answer as compared between two entries: blank → null; a list sorted.
create function app_private.survey_answer_key(v jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select case
    when v is null or v in ('null'::jsonb, '""'::jsonb, '[]'::jsonb) then null
    when jsonb_typeof(v) = 'array' then (select jsonb_agg(e order by e) from jsonb_array_elements(v) e)
    else v
  end
$$;
comment on function app_private.survey_answer_key(jsonb) is 'A survey answer as compared between two paper entries (blank → null, lists sorted). Owner only.';
revoke all on function app_private.survey_answer_key(jsonb) from public, anon, authenticated;

create or replace function app_private.enter_paper_survey_twice(p_form_no text, p_response jsonb, p_source_code text) returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_first app.survey_paper_entries;
  v_diff text[];
  v_result json;
  v_src text := lower(btrim(coalesce(p_source_code, '')));
  v_form text := btrim(coalesce(p_form_no, ''));
begin
  perform app_private.require_staff_role('outreach');
  if v_src <> 'paper' and not exists (select 1 from app.survey_distribution_points d where d.code = v_src) then
    raise exception using errcode = 'PT404', message = format('unknown source code: %s', v_src), detail = 'survey_unknown_source';
  end if;
  if v_form !~ '^[A-Za-z0-9-]{1,32}$' then
    raise exception using errcode = 'PT400', message = 'the form number must be 1–32 letters, digits or dashes',
      detail = 'survey_bad_form_no';
  end if;
  if p_response is null or jsonb_typeof(p_response) <> 'object' then
    raise exception using errcode = 'PT400', message = 'the response must be a JSON object', detail = 'survey_not_an_object';
  end if;
  select * into v_first from app.survey_paper_entries e where e.form_no = v_form for update;
  if not found then
    insert into app.survey_paper_entries (form_no, response, source_code, entered_by)
    values (v_form, p_response, v_src, auth.uid());
    return json_build_object('status', 'first_entry_saved', 'form_no', v_form);
  end if;
  if v_first.entered_by = auth.uid() then
    raise exception using errcode = 'PT409', message = 'the second entry must be made by another person',
      detail = 'survey_second_entry_same_person', hint = 'Ask a colleague to enter the same form.';
  end if;
  v_diff := case when v_first.response ? 'form_version' or p_response ? 'form_version'
    then app_private.differing_versioned_answers(v_first.response, p_response)
    else app_private.differing_answers(v_first.response, p_response) end;
  if v_first.source_code <> v_src then
    v_diff := v_diff || 'source_code';
  end if;
  if cardinality(v_diff) > 0 then
    return json_build_object('status', 'mismatch', 'form_no', v_first.form_no, 'fields', v_diff);
  end if;
  v_result := app_private.store_survey_response(v_first.response, 'paper', v_src, v_first.entered_by);
  delete from app.survey_paper_entries e where e.form_no = v_first.form_no;
  perform app_private.log_audit('survey.paper_entry', 'app.survey_responses', v_first.response ->> 'id',
    jsonb_build_object('source_code', v_src, 'form_no', v_first.form_no, 'second_entry_by', auth.uid()));
  return json_build_object('status', 'accepted', 'form_no', v_first.form_no, 'reference', v_result ->> 'reference');
end
$$;

