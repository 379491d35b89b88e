-- Exports across questionnaire versions (issue 16, items 4 and 7): every stored answer with its version and form
-- date (app.survey_answers), and every published definition, for the staff page to lay out one column per question
-- ever asked (src/lib/survey-form/export.ts). Outreach staff; each export is audited like the typed one.

create function app_private.export_survey_answers(p_from date, p_to date, p_source text)
returns table (reference text, submitted_at timestamptz, channel text, source_code text, form_version text, form_date date, answers jsonb)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_rows integer;
begin
  perform app_private.require_staff_role('outreach');
  select count(*) into v_rows from app.survey_answers x
  where (p_from is null or (x.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
    and (p_to is null or (x.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
    and (p_source is null or x.source_code = p_source);
  perform app_private.log_audit('survey.export_answers', 'app.survey_answers', null,
    jsonb_build_object('from', p_from, 'to', p_to, 'source', p_source, 'rows', v_rows));
  return query
    select a.reference, a.submitted_at, a.channel, a.source_code, a.form_version, a.form_date, a.answers
    from app.survey_answers a
    where (p_from is null or (a.submitted_at at time zone 'Asia/Shanghai')::date >= p_from)
      and (p_to is null or (a.submitted_at at time zone 'Asia/Shanghai')::date <= p_to)
      and (p_source is null or a.source_code = p_source)
    order by a.submitted_at, a.reference;
end
$$;
comment on function app_private.export_survey_answers(date, date, text) is 'Outreach: every survey answer (JSON, version, form date) for export, audited (survey.export_answers). Definer: the table is private.';
revoke all on function app_private.export_survey_answers(date, date, text) from public, anon, authenticated;
grant execute on function app_private.export_survey_answers(date, date, text) to authenticated;

create function app_private.survey_form_versions() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app_private.require_staff_role('outreach');
  return coalesce((select jsonb_agg(jsonb_build_object('version', f.version, 'published_at', f.published_at,
      'accept_until', f.accept_until, 'definition', f.definition) order by f.published_at desc, f.version desc)
    from app.survey_forms f), '[]'::jsonb);
end
$$;
comment on function app_private.survey_form_versions() is 'Outreach: every published questionnaire version, newest first ({version, published_at, accept_until, definition}). Definer: the table is private.';
revoke all on function app_private.survey_form_versions() from public, anon, authenticated;
grant execute on function app_private.survey_form_versions() to authenticated;

create function public.export_survey_answers(p_from date default null, p_to date default null, p_source text default null)
returns table (reference text, submitted_at timestamptz, channel text, source_code text, form_version text, form_date date, answers jsonb)
language sql volatile set search_path = '' as $$
  select * from app_private.export_survey_answers(p_from, p_to, p_source)
$$;
comment on function public.export_survey_answers(date, date, text) is 'Outreach: every survey answer with its questionnaire version and form date (JSON; no phone), audited.';
revoke all on function public.export_survey_answers(date, date, text) from public, anon, authenticated;
grant execute on function public.export_survey_answers(date, date, text) to authenticated;

create function public.survey_form_versions() returns jsonb
language sql stable set search_path = '' as $$
  select app_private.survey_form_versions()
$$;
comment on function public.survey_form_versions() is 'Outreach: every published questionnaire version with its definition, newest first (for exports and the codebook).';
revoke all on function public.survey_form_versions() from public, anon, authenticated;
grant execute on function public.survey_form_versions() to authenticated;
