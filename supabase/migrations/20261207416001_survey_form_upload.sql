-- Admins publish a questionnaire version from the staff console (issue 16, item 4: /staff/survey/form/).
-- The page reads the .xlsx in the browser with the same reader as `npm run survey:publish`
-- (src/lib/survey-form/read-xlsform.ts) and sends the definition; the database does not trust that: it checks the
-- definition's shape as far as SQL sensibly can (the expression trees are checked again whenever an answer is,
-- app_private.survey_eval), then publishes through app_private.publish_survey_form (unique version, townships from
-- app.townships, older versions' accept period) and writes the audit log.
-- Sections: 1. private functions, 2. public functions.

-- 1. Private functions -------------------------------------------------------------------------------------
-- The first problem of a definition's shape, in English for the message, or null when it has none.
create function app_private.survey_definition_problem(p_def jsonb) returns text
language sql stable set search_path = '' as $$
  with recursive walk (node) as (
    select e from jsonb_array_elements(case when jsonb_typeof(p_def -> 'body') = 'array' then p_def -> 'body' else '[]' end) e
    union all
    select c from walk w, jsonb_array_elements(w.node -> 'children') c
    where w.node ->> 'kind' in ('group', 'repeat') and jsonb_typeof(w.node -> 'children') = 'array'
  )
  select case
    when p_def is null or jsonb_typeof(p_def) <> 'object' then 'the definition is not an object'
    when jsonb_typeof(p_def -> 'body') is distinct from 'array' or jsonb_array_length(p_def -> 'body') = 0 then 'body is not a list of nodes'
    when jsonb_typeof(p_def -> 'choices') is distinct from 'object' then 'choices is not an object'
    when coalesce(p_def ->> 'form_id', '') !~ '^[a-z0-9][a-z0-9_-]{0,39}$' then 'form_id is missing or malformed'
    when coalesce(p_def ->> 'version', '') !~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$' then 'version is missing or malformed'
    when coalesce(p_def #>> '{title,zh-CN}', '') = '' then 'title has no zh-CN text'
    when octet_length(p_def::text) > 262144 then 'the definition is larger than 256 KB'
    when exists (select 1 from walk where jsonb_typeof(node) <> 'object'
                   or coalesce(node ->> 'kind', '') not in ('question', 'note', 'group', 'repeat')
                   or coalesce(node ->> 'name', '') !~ '^[A-Za-z_][A-Za-z0-9_]*$') then 'a node has no known kind or no valid name'
    when exists (select 1 from walk where node ->> 'kind' in ('group', 'repeat') and jsonb_typeof(node -> 'children') is distinct from 'array') then 'a group or repeat has no children list'
    when exists (select 1 from walk where node ->> 'kind' in ('question', 'note', 'repeat') and coalesce(node #>> '{label,zh-CN}', '') = '') then 'a question, note or repeat has no zh-CN label'
    when exists (select 1 from walk where node ->> 'kind' = 'question'
                   and coalesce(node ->> 'type', '') not in ('select_one', 'select_multiple', 'integer', 'month', 'date', 'text')) then 'a question has an unknown type'
    when exists (select 1 from walk where node ->> 'kind' = 'question' and node ->> 'type' in ('select_one', 'select_multiple')
                   and node ->> 'list' is distinct from 'townships'
                   and jsonb_typeof(p_def -> 'choices' -> (node ->> 'list')) is distinct from 'array') then 'a select question names a list that is not in choices'
    when (select count(*) <> count(distinct node ->> 'name') from walk where node ->> 'kind' in ('question', 'repeat')) then 'two questions have the same name'
  end
$$;
comment on function app_private.survey_definition_problem(jsonb) is 'Survey forms: the first problem of a definition''s shape (form_id, version, title, body nodes, kinds, names, labels, types, lists, unique names), or null. Owner only.';
revoke all on function app_private.survey_definition_problem(jsonb) from public, anon, authenticated;

-- 2. Public functions --------------------------------------------------------------------------------------
-- Definer: app.survey_forms and the audit log are private. Admins only.
create function public.publish_survey_form(p_definition jsonb, p_accept_days integer default 30)
returns json
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_problem text;
  v_by text;
  v_result json;
begin
  perform app_private.require_staff_role('admin');
  v_problem := app_private.survey_definition_problem(p_definition);
  if v_problem is not null then
    raise exception using errcode = 'PT400', message = 'not a questionnaire definition: ' || v_problem,
      detail = 'survey_bad_definition';
  end if;
  select left(coalesce(nullif(btrim(s.display_name), ''), u.email, s.user_id::text) || '（员工后台上传）', 200) into v_by
  from app.staff s left join auth.users u on u.id = s.user_id where s.user_id = (select auth.uid());
  v_result := app_private.publish_survey_form(p_definition, v_by, p_accept_days);
  perform app_private.log_audit('survey_form.publish', 'survey_forms', p_definition ->> 'version',
    jsonb_build_object('form_id', p_definition ->> 'form_id', 'accept_days', p_accept_days,
      'older_accepted_until', v_result -> 'older_accepted_until'));
  return v_result;
end
$$;
comment on function public.publish_survey_form(jsonb, integer) is 'Admins (staff console /staff/survey/form/): publishes a questionnaire definition (src/lib/survey-form/definition.ts) as a new version; older versions keep taking answers for p_accept_days days (0–366). Audited. PT400 survey_bad_definition | survey_bad_accept_days, PT409 survey_form_version_exists.';
revoke all on function public.publish_survey_form(jsonb, integer) from public, anon, authenticated;
grant execute on function public.publish_survey_form(jsonb, integer) to authenticated;
