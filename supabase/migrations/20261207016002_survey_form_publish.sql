-- Publishing a questionnaire version, and the form the survey page fetches (issue 16, items 2 and 4).
--  * app_private.publish_survey_form (owner only: `npm run survey:publish -- form.xlsx`, later the staff upload):
--    stores a new version, fills its `townships` list from app.townships, and gives the versions still accepting
--    answers an end (accept_until = now + p_accept_days) so answers in progress on them are still taken meanwhile;
--  * public.survey_form() (anyone): {version, definition, accepting} of the newest version.
-- Sections: 1. private functions, 2. public functions.

-- 1. Private functions -------------------------------------------------------------------------------------
-- Versions taking answers now: the newest, and older ones until their accept_until.
create function app_private.survey_form_accepting(p_version text) returns boolean
language sql stable set search_path = '' as $$
  select exists (
    select 1 from app.survey_forms f
    where f.version = p_version
      and (f.accept_until is null or f.accept_until > now()
        or f.version = (select n.version from app.survey_forms n order by n.published_at desc, n.version desc limit 1)))
$$;
comment on function app_private.survey_form_accepting(text) is 'Does this questionnaire version take answers now (the newest always; older ones until accept_until)? Owner only.';
revoke all on function app_private.survey_form_accepting(text) from public, anon, authenticated;

-- Publishes a definition (made and checked by src/lib/survey-form/read-xlsform.node.ts and definition-schema.ts).
create function app_private.publish_survey_form(p_definition jsonb, p_published_by text, p_accept_days integer)
returns json
language plpgsql volatile set search_path = '' as $$
declare
  v_version text := p_definition ->> 'version';
  v_def jsonb := p_definition;
  v_until timestamptz;
begin
  if p_definition is null or jsonb_typeof(p_definition) <> 'object' or jsonb_typeof(p_definition -> 'body') is distinct from 'array'
     or jsonb_typeof(p_definition -> 'choices') is distinct from 'object'
     or coalesce(v_version, '') !~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'
     or coalesce(p_definition ->> 'form_id', '') !~ '^[a-z0-9][a-z0-9_-]{0,39}$' then
    raise exception using errcode = 'PT400', message = 'not a questionnaire definition (form_id, version, choices, body)',
      detail = 'survey_bad_definition';
  end if;
  if p_accept_days is null or p_accept_days < 0 or p_accept_days > 366 then
    raise exception using errcode = 'PT400', message = 'older versions must be accepted 0–366 days',
      detail = 'survey_bad_accept_days';
  end if;
  if exists (select 1 from app.survey_forms f where f.version = v_version) then
    raise exception using errcode = 'PT409', message = format('questionnaire version %s is published already', v_version),
      detail = 'survey_form_version_exists', hint = 'Give the new form a new version in its settings sheet.';
  end if;
  -- The township list is the district's (app.townships), whatever the workbook said.
  if exists (select 1 from app_private.survey_questions(p_definition -> 'body') q where q ->> 'list' = 'townships') then
    v_def := jsonb_set(v_def, '{choices,townships}', coalesce((
      select jsonb_agg(jsonb_build_object('name', t.code, 'label', jsonb_build_object('zh-CN', t.name, 'en', t.name_en))
        order by t.sort_order, t.code)
      from app.townships t where t.active), '[]'::jsonb));
  end if;
  v_until := now() + make_interval(days => p_accept_days);
  update app.survey_forms f set accept_until = v_until where f.accept_until is null or f.accept_until > v_until;
  insert into app.survey_forms (version, form_id, definition, published_by)
  values (v_version, v_def ->> 'form_id', v_def, btrim(coalesce(p_published_by, '')));
  return json_build_object('version', v_version, 'older_accepted_until', v_until,
    'accepting', (select json_agg(f.version order by f.published_at desc) from app.survey_forms f where app_private.survey_form_accepting(f.version)));
end
$$;
comment on function app_private.publish_survey_form(jsonb, text, integer) is 'Publishes a questionnaire version (townships list from app.townships); older versions keep taking answers for p_accept_days days. Owner only (npm run survey:publish).';
revoke all on function app_private.publish_survey_form(jsonb, text, integer) from public, anon, authenticated;

-- Every question node of a body, through groups and repeats.
create function app_private.survey_questions(p_nodes jsonb) returns setof jsonb
language sql immutable set search_path = '' as $$
  with recursive walk (node) as (
    select e from jsonb_array_elements(p_nodes) e
    union all
    select c from walk w, jsonb_array_elements(w.node -> 'children') c where w.node ->> 'kind' in ('group', 'repeat')
  )
  select node from walk where node ->> 'kind' = 'question'
$$;
comment on function app_private.survey_questions(jsonb) is 'Survey forms: every question node of a body, through groups and repeats. Owner only.';
revoke all on function app_private.survey_questions(jsonb) from public, anon, authenticated;

-- The newest version for the survey page. Definer: the table is private.
create function app_private.survey_form() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select jsonb_build_object('version', f.version, 'definition', f.definition,
      'accepting', (select jsonb_agg(a.version order by a.published_at desc) from app.survey_forms a
                    where app_private.survey_form_accepting(a.version)))
    from app.survey_forms f order by f.published_at desc, f.version desc limit 1),
    jsonb_build_object('version', null, 'definition', null, 'accepting', '[]'::jsonb))
$$;
comment on function app_private.survey_form() is 'Anyone: the newest questionnaire version {version, definition, accepting: [versions taking answers]}; nulls before the first is published. Definer: the table is private.';
revoke all on function app_private.survey_form() from public, anon, authenticated;
grant execute on function app_private.survey_form() to anon, authenticated;

-- 2. Public functions --------------------------------------------------------------------------------------
create function public.survey_form() returns jsonb
language sql stable set search_path = '' as $$
  select app_private.survey_form()
$$;
comment on function public.survey_form() is 'Anyone: the questionnaire to show — {version, definition, accepting}: the newest published version (src/lib/survey-form/definition.ts) and the versions still taking answers.';
revoke all on function public.survey_form() from public, anon, authenticated;
grant execute on function public.survey_form() to anon, authenticated;
