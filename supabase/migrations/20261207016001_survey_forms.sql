-- The questionnaire as data (issue 16): published form versions, and the database's own check of answers against
-- a version's definition — the same JSON expression trees and the same verdicts as src/lib/survey-form/evaluate.ts
-- (rules: src/lib/survey-form/README.md; tests/db/survey-form-parity.test.ts compares them case by case), so a
-- real Supabase/PostgREST deployment refuses exactly what the embedded API refuses.
-- The PL/pgSQL functions are STABLE, not IMMUTABLE: the planner would otherwise fold calls on a branch never taken.
-- Values while evaluating are jsonb: a string, number, boolean, list of strings, or 'null' (nothing); never SQL null.
-- Sections: 1. tables, 2. private functions, 3. public functions.

-- 1. Tables ------------------------------------------------------------------------------------------------
create table app.survey_forms (
  version text constraint survey_forms_pkey primary key
    constraint survey_forms_version_format check (version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  form_id text not null constraint survey_forms_form_id_format check (form_id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  definition jsonb not null constraint survey_forms_definition_object check (
    jsonb_typeof(definition) = 'object' and definition ->> 'version' = version and definition ->> 'form_id' = form_id
    and jsonb_typeof(definition -> 'body') = 'array' and jsonb_typeof(definition -> 'choices') = 'object'),
  published_at timestamptz not null default now(),
  published_by text not null constraint survey_forms_published_by_length check (char_length(published_by) between 1 and 200),
  -- A version stops taking answers after this moment (set when a newer version is published); null = no end.
  accept_until timestamptz
);
comment on table app.survey_forms is 'Published questionnaire versions (XLSForm → JSON definition, src/lib/survey-form/definition.ts). The newest published_at is the current form; older ones take answers until accept_until. Read through definer functions only.';
alter table app.survey_forms enable row level security;
revoke all on app.survey_forms from public, anon, authenticated, service_role;
create index survey_forms_published_at_idx on app.survey_forms (published_at desc);

-- 2. Private functions -------------------------------------------------------------------------------------
-- An answer's JSON as a value: string, number, boolean, list of strings; anything else is nothing.
create function app_private.survey_value(v jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select case
    when v is null then 'null'::jsonb
    when jsonb_typeof(v) = 'number' then case when abs((v #>> '{}')::numeric) < 1e300 then v else 'null'::jsonb end
    when jsonb_typeof(v) in ('string', 'boolean') then v
    when jsonb_typeof(v) = 'array' and not jsonb_path_exists(v, '$[*] ? (@.type() != "string")') then v
    else 'null'::jsonb
  end
$$;
comment on function app_private.survey_value(jsonb) is 'Survey expressions: an answer as a value (string, number, boolean, list of strings; else null). Owner only.';
revoke all on function app_private.survey_value(jsonb) from public, anon, authenticated;

-- A value as text: nothing → '', a list → items joined by one space, booleans → true/false, numbers as float8.
create function app_private.survey_text(v jsonb) returns text
language sql immutable set search_path = '' as $$
  select case jsonb_typeof(v)
    when 'string' then v #>> '{}'
    when 'boolean' then v #>> '{}'
    when 'number' then ((v #>> '{}')::float8)::text
    when 'array' then coalesce((select string_agg(e #>> '{}', ' ' order by n) from jsonb_array_elements(v) with ordinality x (e, n)), '')
    else ''
  end
$$;
comment on function app_private.survey_text(jsonb) is 'Survey expressions: a value as text. Owner only.';
revoke all on function app_private.survey_text(jsonb) from public, anon, authenticated;

-- A value as a number: numbers; booleans 1/0; text that is -?digits(.digits)? with spaces around; else NaN.
create function app_private.survey_number(v jsonb) returns float8
language sql immutable set search_path = '' as $$
  select case
    when jsonb_typeof(v) = 'number' then (v #>> '{}')::float8
    when jsonb_typeof(v) = 'boolean' then case when v = 'true'::jsonb then 1 else 0 end
    when app_private.survey_text(v) ~ E'^[ \t\n\r]*-?[0-9]+(\\.[0-9]+)?[ \t\n\r]*$' then btrim(app_private.survey_text(v), E' \t\n\r')::float8
    else 'NaN'::float8
  end
$$;
comment on function app_private.survey_number(jsonb) is 'Survey expressions: a value as a number (NaN when it is none). Owner only.';
revoke all on function app_private.survey_number(jsonb) from public, anon, authenticated;

-- A value as true/false: nothing, '', [], 0 and NaN are false.
create function app_private.survey_truth(v jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select case jsonb_typeof(v)
    when 'boolean' then v = 'true'::jsonb
    when 'number' then (v #>> '{}')::float8 <> 0
    when 'string' then v <> '""'::jsonb
    when 'array' then jsonb_array_length(v) > 0
    else false
  end
$$;
comment on function app_private.survey_truth(jsonb) is 'Survey expressions: a value as a boolean. Owner only.';
revoke all on function app_private.survey_truth(jsonb) from public, anon, authenticated;

-- A value as a list of items: a list, or text split at spaces.
create function app_private.survey_items(v jsonb) returns text[]
language sql immutable set search_path = '' as $$
  select case jsonb_typeof(v)
    when 'array' then array(select e #>> '{}' from jsonb_array_elements(v) with ordinality x (e, n) order by n)
    else array(select s from regexp_split_to_table(app_private.survey_text(v), E'[ \t\n\r]+') s where s <> '')
  end
$$;
comment on function app_private.survey_items(jsonb) is 'Survey expressions: a value as a list of selected items. Owner only.';
revoke all on function app_private.survey_items(jsonb) from public, anon, authenticated;

-- A number result: NaN and infinities are nothing, -0 is 0.
create function app_private.survey_number_value(n float8) returns jsonb
language sql immutable set search_path = '' as $$
  select case when n = 'NaN'::float8 or n in ('Infinity'::float8, '-Infinity'::float8) then 'null'::jsonb
    when n = 0 then '0'::jsonb else to_jsonb(n) end
$$;
comment on function app_private.survey_number_value(float8) is 'Survey expressions: a computed number as a value. Owner only.';
revoke all on function app_private.survey_number_value(float8) from public, anon, authenticated;

-- Evaluates an expression tree. p_top: all answers; p_at: the form's date (today()); p_instance/p_local: the repeat
-- block and the names of that repeat's questions; p_self: `.`; p_choice: the choice a choice_filter checks.
-- Written to call as few functions as it can (every call of a function with a pinned search_path costs): leaves
-- (literals, references) are read inline, and the value rules of survey_value/_text/_number/_truth/_items are
-- repeated inline for the common operators.
create function app_private.survey_eval(p_e jsonb, p_top jsonb, p_at date, p_instance jsonb, p_local text[], p_self jsonb, p_choice jsonb)
returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_op text;
  v_args jsonb;
  v_vals jsonb[] := '{}';
  v_arg jsonb;
  v_v jsonb;
  v_a jsonb;
  v_b jsonb;
  v_ta text;
  v_tb text;
  v_x float8;
  v_y float8;
  v_s text;
  v_m text[];
  v_i integer;
  v_n integer;
  v_truth boolean;
begin
  if p_e is null or jsonb_typeof(p_e) <> 'object' then
    return 'null'::jsonb;
  end if;
  v_op := p_e ->> 'op';
  case v_op
  when 'lit' then return p_e -> 'value';
  when 'today' then return to_jsonb(to_char(p_at, 'YYYY-MM-DD'));
  when 'self' then return app_private.survey_value(p_self);
  when 'col' then return app_private.survey_value(p_choice -> (p_e ->> 'name'));
  when 'ref' then
    v_v := case when p_instance is not null and (p_e ->> 'name') = any (coalesce(p_local, '{}'))
      then p_instance -> (p_e ->> 'name') else p_top -> (p_e ->> 'name') end;
    return app_private.survey_value(v_v);
  else
    null;
  end case;
  v_args := coalesce(p_e -> 'args', '[]'::jsonb);
  v_n := jsonb_array_length(v_args);

  -- and / or: each operand's truth, left to right, stopping early.
  if v_op in ('and', 'or') then
    for v_i in 0 .. v_n - 1 loop
      v_v := app_private.survey_eval(v_args -> v_i, p_top, p_at, p_instance, p_local, p_self, p_choice);
      v_truth := case jsonb_typeof(v_v) when 'boolean' then v_v = 'true'::jsonb when 'number' then (v_v #>> '{}')::float8 <> 0
        when 'string' then v_v <> '""'::jsonb when 'array' then jsonb_array_length(v_v) > 0 else false end;
      if v_op = 'and' and not v_truth then
        return 'false'::jsonb;
      elsif v_op = 'or' and v_truth then
        return 'true'::jsonb;
      end if;
    end loop;
    return to_jsonb(v_op = 'and');
  end if;

  -- The operands: literals and references read here, anything else evaluated.
  for v_i in 0 .. v_n - 1 loop
    v_arg := v_args -> v_i;
    if v_arg ->> 'op' = 'lit' then
      v_v := v_arg -> 'value';
    elsif v_arg ->> 'op' = 'ref' then
      v_v := case when p_instance is not null and (v_arg ->> 'name') = any (coalesce(p_local, '{}'))
        then p_instance -> (v_arg ->> 'name') else p_top -> (v_arg ->> 'name') end;
      v_v := case when v_v is null then 'null'::jsonb
        when jsonb_typeof(v_v) in ('string', 'boolean') then v_v
        when jsonb_typeof(v_v) = 'number' then case when abs((v_v #>> '{}')::numeric) < 1e300 then v_v else 'null'::jsonb end
        when jsonb_typeof(v_v) = 'array' and not jsonb_path_exists(v_v, '$[*] ? (@.type() != "string")') then v_v
        else 'null'::jsonb end;
    else
      v_v := app_private.survey_eval(v_arg, p_top, p_at, p_instance, p_local, p_self, p_choice);
    end if;
    v_vals := v_vals || v_v;
  end loop;
  v_a := v_vals[1];
  v_b := v_vals[2];
  v_ta := jsonb_typeof(v_a);
  v_tb := jsonb_typeof(v_b);

  case v_op
  when 'not' then
    return to_jsonb(not app_private.survey_truth(v_a));
  when 'neg' then
    return app_private.survey_number_value(-app_private.survey_number(v_a));
  when '=', '!=' then
    if v_ta = 'boolean' or v_tb = 'boolean' then
      v_truth := app_private.survey_truth(v_a) = app_private.survey_truth(v_b);
    elsif v_ta = 'number' or v_tb = 'number' then
      v_x := case when v_ta = 'number' then (v_a #>> '{}')::float8 else app_private.survey_number(v_a) end;
      v_y := case when v_tb = 'number' then (v_b #>> '{}')::float8 else app_private.survey_number(v_b) end;
      v_truth := v_x <> 'NaN'::float8 and v_y <> 'NaN'::float8 and v_x = v_y;
    elsif (v_ta = 'string' or v_ta = 'null') and (v_tb = 'string' or v_tb = 'null') then
      v_truth := coalesce(v_a #>> '{}', '') = coalesce(v_b #>> '{}', '');
    else
      v_truth := app_private.survey_text(v_a) = app_private.survey_text(v_b);
    end if;
    return to_jsonb(case when v_op = '=' then v_truth else not v_truth end);
  when '<', '<=', '>', '>=', '+', '-', '*' then
    v_x := case when v_ta = 'number' then (v_a #>> '{}')::float8 else app_private.survey_number(v_a) end;
    v_y := case when v_tb = 'number' then (v_b #>> '{}')::float8 else app_private.survey_number(v_b) end;
    if v_op in ('+', '-', '*') then
      return app_private.survey_number_value(case v_op when '+' then v_x + v_y when '-' then v_x - v_y else v_x * v_y end);
    end if;
    return to_jsonb(v_x <> 'NaN'::float8 and v_y <> 'NaN'::float8 and case v_op
      when '<' then v_x < v_y when '<=' then v_x <= v_y when '>' then v_x > v_y else v_x >= v_y end);
  when 'fn' then
    case p_e ->> 'name'
    when 'selected' then
      v_s := case when v_tb in ('string', 'null') then coalesce(v_b #>> '{}', '') else app_private.survey_text(v_b) end;
      if v_ta = 'array' then
        return to_jsonb(v_a @> jsonb_build_array(v_s));
      end if;
      return to_jsonb(v_s = any (app_private.survey_items(v_a)));
    when 'count-selected' then
      if v_ta = 'array' then
        return to_jsonb(jsonb_array_length(v_a));
      end if;
      return to_jsonb(cardinality(app_private.survey_items(v_a)));
    when 'string-length' then return to_jsonb(char_length(app_private.survey_text(v_a)));
    when 'months' then
      v_s := case when v_ta = 'string' then v_a #>> '{}' else app_private.survey_text(v_a) end;
      v_m := regexp_match(v_s, '^([0-9]{4})-(0[1-9]|1[0-2])(-|$)');
      return case when v_m is null then 'null'::jsonb else to_jsonb(v_m[1]::integer * 12 + v_m[2]::integer) end;
    when 'regex' then return to_jsonb(app_private.survey_text(v_a) ~ app_private.survey_text(v_b));
    else
      null;
    end case;
  else
    null;
  end case;
  raise exception using errcode = 'PT400', message = format('unknown operator or function in a survey expression: %s %s', v_op, p_e ->> 'name'),
    detail = 'survey_bad_definition';
end
$$;
comment on function app_private.survey_eval(jsonb, jsonb, date, jsonb, text[], jsonb, jsonb) is 'Evaluates a survey expression tree (src/lib/survey-form/README.md) to a jsonb value. Owner only.';
revoke all on function app_private.survey_eval(jsonb, jsonb, date, jsonb, text[], jsonb, jsonb) from public, anon, authenticated;

-- The names of the questions and repeats in p_nodes and its groups (p_into_repeats: and inside repeats too).
create function app_private.survey_node_names(p_nodes jsonb, p_into_repeats boolean) returns text[]
language sql immutable set search_path = '' as $$
  select array(select jsonb_array_elements_text(
    jsonb_path_query_array(p_nodes, 'strict $.** ? (@.kind == "question" || @.kind == "repeat").name')
    - case when p_into_repeats then '{}'::text[] else array(select jsonb_array_elements_text(jsonb_path_query_array(p_nodes,
        'strict $.** ? (@.kind == "repeat").children.** ? (@.kind == "question" || @.kind == "repeat").name'))) end))
$$;
comment on function app_private.survey_node_names(jsonb, boolean) is 'Survey forms: the question (and repeat) names of a list of nodes, through groups. Owner only.';
revoke all on function app_private.survey_node_names(jsonb, boolean) from public, anon, authenticated;

-- Answered: not missing, null, '' or [].
create function app_private.survey_answered(v jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select v is not null and v not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb)
$$;
comment on function app_private.survey_answered(jsonb) is 'Survey forms: is this answer given (not missing, null, empty text or empty list)? Owner only.';
revoke all on function app_private.survey_answered(jsonb) from public, anon, authenticated;

-- Has the answer the question's JSON type? (choices are checked apart)
create function app_private.survey_has_type(p_type text, v jsonb) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  v_m text[];
begin
  case p_type
  when 'select_one' then return jsonb_typeof(v) = 'string';
  when 'select_multiple' then
    if jsonb_typeof(v) is distinct from 'array' or jsonb_path_exists(v, '$[*] ? (@.type() != "string")') then
      return false;
    end if;
    return (select count(distinct e) = count(*) from jsonb_array_elements(v) e);
  when 'integer' then
    return jsonb_typeof(v) = 'number' and abs((v #>> '{}')::numeric) <= 999999999
      and (v #>> '{}')::numeric = trunc((v #>> '{}')::numeric);
  when 'month' then return jsonb_typeof(v) = 'string' and (v #>> '{}') ~ '^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$';
  when 'date' then
    if jsonb_typeof(v) <> 'string' then
      return false;
    end if;
    v_m := regexp_match(v #>> '{}', '^((19|20)[0-9]{2})-(0[1-9]|1[0-2])-([0-9]{2})$');
    if v_m is null then
      return false;
    end if;
    begin
      perform make_date(v_m[1]::integer, v_m[3]::integer, v_m[4]::integer);
      return true;
    exception when others then
      return false;
    end;
  when 'text' then return jsonb_typeof(v) = 'string' and char_length(v #>> '{}') <= 500;
  else
    return false;
  end case;
end
$$;
comment on function app_private.survey_has_type(text, jsonb) is 'Survey forms: does an answer have the JSON type of its question type? Owner only.';
revoke all on function app_private.survey_has_type(text, jsonb) from public, anon, authenticated;

-- Checks the answers to p_nodes (one level, groups and repeats inside): the issues in the form's order, as
-- validateAnswers makes them ({path, code, question}).
create function app_private.survey_check_nodes(p_def jsonb, p_nodes jsonb, p_relevant boolean, p_values jsonb, p_prefix text,
  p_top jsonb, p_at date, p_instance jsonb, p_local text[])
returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_out jsonb := '[]';
  v_node jsonb;
  v_kind text;
  v_name text;
  v_rel boolean;
  v_val jsonb;
  v_path text;
  v_block jsonb;
  v_i bigint;
  v_local text[];
  v_key text;
  v_req jsonb;
  v_names text[];
  v_picked text[];
  v_n integer;
  v_list jsonb;
  v_bad boolean;
begin
  for v_n in 0 .. coalesce(jsonb_array_length(p_nodes), 0) - 1 loop
    v_node := p_nodes -> v_n;
    v_kind := v_node ->> 'kind';
    v_rel := p_relevant and (v_node -> 'relevant' is null
      or app_private.survey_truth(app_private.survey_eval(v_node -> 'relevant', p_top, p_at, p_instance, p_local, null, null)));
    continue when v_kind = 'note';
    if v_kind = 'group' then
      v_out := v_out || app_private.survey_check_nodes(p_def, v_node -> 'children', v_rel, p_values, p_prefix, p_top, p_at, p_instance, p_local);
      continue;
    end if;
    v_name := v_node ->> 'name';
    v_val := p_values -> v_name;
    v_path := p_prefix || v_name;
    if not v_rel then
      if app_private.survey_answered(v_val) then
        v_out := v_out || jsonb_build_object('path', v_path, 'code', 'not_relevant', 'question', v_name);
      end if;
      continue;
    end if;
    if v_kind = 'repeat' then
      if not app_private.survey_answered(v_val) then
        v_out := v_out || jsonb_build_object('path', v_path, 'code', 'required', 'question', v_name);
      elsif jsonb_typeof(v_val) <> 'array' or exists (select 1 from jsonb_array_elements(v_val) e where jsonb_typeof(e) <> 'object') then
        v_out := v_out || jsonb_build_object('path', v_path, 'code', 'type', 'question', v_name);
      elsif v_node ? 'max' and jsonb_array_length(v_val) > (v_node ->> 'max')::integer then
        v_out := v_out || jsonb_build_object('path', v_path, 'code', 'constraint', 'question', v_name);
      else
        v_local := app_private.survey_node_names(v_node -> 'children', true);
        v_names := app_private.survey_node_names(v_node -> 'children', false);
        for v_block, v_i in select e, n - 1 from jsonb_array_elements(v_val) with ordinality x (e, n) order by n loop
          v_out := v_out || app_private.survey_check_nodes(p_def, v_node -> 'children', true, v_block,
            v_path || '.' || v_i || '.', p_top, p_at, v_block, v_local);
          for v_key in select k from jsonb_object_keys(v_block) k order by k collate "C" loop
            if not (v_key = any (v_names)) and app_private.survey_answered(v_block -> v_key) then
              v_out := v_out || jsonb_build_object('path', v_path || '.' || v_i || '.' || v_key, 'code', 'not_relevant', 'question', v_key);
            end if;
          end loop;
        end loop;
      end if;
      continue;
    end if;
    if not app_private.survey_answered(v_val) then
      v_req := v_node -> 'required';
      if v_req = 'true'::jsonb or (jsonb_typeof(v_req) = 'object'
          and app_private.survey_truth(app_private.survey_eval(v_req, p_top, p_at, p_instance, p_local, null, null))) then
        v_out := v_out || jsonb_build_object('path', v_path, 'code', 'required', 'question', v_name);
      end if;
      continue;
    end if;
    if not app_private.survey_has_type(v_node ->> 'type', v_val) then
      v_out := v_out || jsonb_build_object('path', v_path, 'code', 'type', 'question', v_name);
      continue;
    end if;
    if v_node ->> 'type' in ('select_one', 'select_multiple') and v_node -> 'choice_filter' is null then
      -- Without a filter: each picked name is in the list (jsonb containment).
      v_list := coalesce(p_def -> 'choices' -> (v_node ->> 'list'), '[]'::jsonb);
      v_bad := false;
      if jsonb_typeof(v_val) = 'string' then
        v_bad := not v_list @> jsonb_build_array(jsonb_build_object('name', v_val));
      else
        for v_i in 0 .. jsonb_array_length(v_val) - 1 loop
          if not v_list @> jsonb_build_array(jsonb_build_object('name', v_val -> v_i::integer)) then
            v_bad := true;
            exit;
          end if;
        end loop;
      end if;
      if v_bad then
        v_out := v_out || jsonb_build_object('path', v_path, 'code', 'choice', 'question', v_name);
        continue;
      end if;
    elsif v_node ->> 'type' in ('select_one', 'select_multiple') then
      v_picked := case when jsonb_typeof(v_val) = 'string' then array[v_val #>> '{}']
        else array(select e #>> '{}' from jsonb_array_elements(v_val) e) end;
      if exists (
        select 1 from unnest(v_picked) p
        where not exists (
          select 1 from jsonb_array_elements(coalesce(p_def -> 'choices' -> (v_node ->> 'list'), '[]')) c
          where c ->> 'name' = p
            and (v_node -> 'choice_filter' is null or app_private.survey_truth(
              app_private.survey_eval(v_node -> 'choice_filter', p_top, p_at, p_instance, p_local, null, c))))) then
        v_out := v_out || jsonb_build_object('path', v_path, 'code', 'choice', 'question', v_name);
        continue;
      end if;
    end if;
    if v_node -> 'constraint' is not null
       and not app_private.survey_truth(app_private.survey_eval(v_node -> 'constraint', p_top, p_at, p_instance, p_local, v_val, null)) then
      v_out := v_out || jsonb_build_object('path', v_path, 'code', 'constraint', 'question', v_name);
    end if;
  end loop;
  return v_out;
end
$$;
comment on function app_private.survey_check_nodes(jsonb, jsonb, boolean, jsonb, text, jsonb, date, jsonb, text[]) is 'Survey forms: the issues of the answers to a list of nodes (check_survey_answers walks the form with it). Owner only.';
revoke all on function app_private.survey_check_nodes(jsonb, jsonb, boolean, jsonb, text, jsonb, date, jsonb, text[]) from public, anon, authenticated;

-- Every problem with p_answers against p_definition at the form's date: a jsonb array of {path, code, question}
-- exactly as validateAnswers (src/lib/survey-form/evaluate.ts) lists them; [] = acceptable.
create function app_private.check_survey_answers(p_definition jsonb, p_answers jsonb, p_form_date date) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_top jsonb := case when jsonb_typeof(p_answers) = 'object' then p_answers else '{}'::jsonb end;
  v_out jsonb;
  v_names text[] := app_private.survey_node_names(p_definition -> 'body', false);
  v_key text;
begin
  v_out := app_private.survey_check_nodes(p_definition, p_definition -> 'body', true, v_top, '', v_top, p_form_date, null, null);
  for v_key in select k from jsonb_object_keys(v_top) k order by k collate "C" loop
    if not (v_key = any (v_names)) and app_private.survey_answered(v_top -> v_key) then
      v_out := v_out || jsonb_build_object('path', v_key, 'code', 'not_relevant', 'question', v_key);
    end if;
  end loop;
  return v_out;
end
$$;
comment on function app_private.check_survey_answers(jsonb, jsonb, date) is 'Checks survey answers against a form definition at the form''s date: jsonb array of {path, code, question} (required | type | choice | constraint | not_relevant), the same verdicts as validateAnswers. Owner only.';
revoke all on function app_private.check_survey_answers(jsonb, jsonb, date) from public, anon, authenticated;
