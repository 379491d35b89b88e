/**
 * What the survey's refusals say, by the machine code the database puts in `detail` (PostgREST's `details`):
 * every `survey_*` code a function of the migrated database raises has a Chinese and an English text here, and
 * nothing else (tests/db/refusal-codes.test.ts). Each says what to do next. `{seconds}` is filled in by the form.
 */
export const surveyRefusals = {
  survey_not_an_object: {
    'zh-CN':
      '答案没有发送成功（格式不对）。请刷新页面后重新提交，或到所在街道/镇社区卫生服务中心填写纸质问卷。',
    en: 'Your answers could not be sent (wrong format). Please reload the page and send again, or answer on paper at your community health service centre.',
  },
  survey_bad_definition: {
    'zh-CN': '问卷设置有误，暂时无法提交。请稍后再试，或到所在街道/镇社区卫生服务中心填写纸质问卷。',
    en: 'The questionnaire is set up wrongly, so answers cannot be sent now. Please try later, or answer on paper at your community health service centre.',
  },
  survey_bad_accept_days: {
    'zh-CN': '旧版问卷继续收答案的天数应在 0 到 366 之间。',
    en: 'Older versions can keep taking answers for 0 to 366 days.',
  },
  survey_form_version_exists: {
    'zh-CN': '这个问卷版本已经发布过了。请在 settings 工作表里改一个新的 version，再发布。',
    en: 'This questionnaire version is published already. Give it a new version on the settings sheet, then publish.',
  },
  survey_unknown_form_version: {
    'zh-CN': '这份问卷的版本已不存在。请刷新页面，按新版问卷重新填写。',
    en: 'This version of the questionnaire does not exist. Please reload the page and answer the current one.',
  },
  survey_form_closed: {
    'zh-CN': '这一版问卷已停止收集答案。请刷新页面：已填的答案会保留到新版问卷里，核对后再提交。',
    en: 'This version of the questionnaire no longer takes answers. Please reload the page: your answers move to the current version; check them, then send.',
  },
  survey_bad_form_date: {
    'zh-CN': '请填写纸质问卷上的填表日期（一年以内，不能晚于今天），例如 2026-11-20。',
    en: 'Enter the date written on the paper form (within the last year, not after today), e.g. 2026-11-20.',
  },
  survey_bad_id: {
    'zh-CN':
      '答案没有发送成功（编号不对）。请刷新页面后重新提交，或到所在街道/镇社区卫生服务中心填写纸质问卷。',
    en: 'Your answers could not be sent (bad id). Please reload the page and send again, or answer on paper at your community health service centre.',
  },
  survey_consent_required: {
    'zh-CN': '需要您勾选同意才能提交。请回到第一页勾选同意，再提交。',
    en: 'We need your consent to store the answers. Please go back to the first page, tick the box, then send again.',
  },
  survey_phone_consent_required: {
    'zh-CN': '留电话需要勾选同意回访。请勾选同意，或清空电话号码，再提交。',
    en: 'A phone number needs your consent to a follow-up call. Tick that box or clear the number, then send again.',
  },
  survey_bad_birth_month: {
    'zh-CN': '孩子的出生年月格式不对。请按“年-月”填写（例如 2025-03），再提交。',
    en: 'A child’s birth month is not in the right form. Enter it as year-month (for example 2025-03), then send again.',
  },
  survey_invalid_answer: {
    'zh-CN':
      '有一项答案不符合问卷的要求。请点“修改”核对每一项答案，再提交；仍不成功，请到所在街道/镇社区卫生服务中心填写纸质问卷。',
    en: 'One of the answers does not fit the questionnaire. Please check each answer with “Change”, then send again; if it still fails, answer on paper at your community health service centre.',
  },
  survey_honeypot: {
    'zh-CN': '浏览器自动填写了一个应当留空的隐藏栏目，我们已把它清空。请再点一次“提交”。',
    en: 'Your browser filled in a hidden field that must stay empty; we have cleared it. Please press “Send” once more.',
  },
  survey_start_token_invalid: {
    'zh-CN': '这份问卷没有从本网站正常打开。请刷新页面（已填的答案会保留），稍等片刻后再提交。',
    en: 'This questionnaire was not opened from this site in the usual way. Please reload the page (your answers are kept), wait a moment, then send again.',
  },
  survey_start_token_expired: {
    'zh-CN': '这份问卷打开已超过 30 天。请刷新页面（已填的答案会保留），稍等片刻后再提交。',
    en: 'This questionnaire was opened more than 30 days ago. Please reload the page (your answers are kept), wait a moment, then send again.',
  },
  survey_start_token_used: {
    'zh-CN': '这份问卷已经提交过一份答案。如要再填一份，请点“重新开始”。',
    en: 'An answer has already been sent from this questionnaire. To answer again, choose “Start again”.',
  },
  survey_too_fast: {
    'zh-CN': '提交得比正常阅读题目还快。请再核对一遍答案，约 {seconds} 秒后再点“提交”。',
    en: 'That was quicker than anyone can read the questions. Please check your answers and send again in about {seconds} seconds.',
  },
  survey_rate_limited: {
    'zh-CN':
      '这个网络（例如同一个 Wi-Fi）刚刚提交了很多份问卷。请过几分钟再提交，或换用手机流量，或到所在街道/镇社区卫生服务中心填写纸质问卷。',
    en: 'Many answers were just sent from this network (for example one Wi-Fi). Please send again in a few minutes, use mobile data, or answer on paper at your community health service centre.',
  },
  survey_start_rate_limited: {
    'zh-CN':
      '这个网络打开问卷的次数太多了。请一小时后再试，或换用手机流量，或到所在街道/镇社区卫生服务中心填写纸质问卷。',
    en: 'This network has opened the questionnaire too many times. Please try again in an hour, use mobile data, or answer on paper at your community health service centre.',
  },
  survey_unknown_source: {
    'zh-CN': '没有这个发放点。请从列表中选择发放点，或选“纸质问卷”。',
    en: 'There is no such distribution point. Choose one from the list, or “paper”.',
  },
  survey_second_entry_same_person: {
    'zh-CN': '第二次录入必须由另一位工作人员完成。请请同事录入同一份问卷。',
    en: 'The second entry must be made by another person. Ask a colleague to enter the same form.',
  },
  survey_bad_form_no: {
    'zh-CN': '问卷编号只能包含字母、数字和短横线（最多 32 个字符）。',
    en: 'The form number may hold only letters, digits and dashes (up to 32 characters).',
  },
  survey_point_exists: {
    'zh-CN': '这个代码已被另一个发放点使用。请换一个代码。',
    en: 'Another distribution point already uses this code. Please choose another code.',
  },
  survey_point_bad_code: {
    'zh-CN': '代码须为 2–32 个小写字母、数字或短横线，且不能是 unknown、direct 或 paper。',
    en: 'The code must be 2–32 lower-case letters, digits or dashes, and not unknown, direct or paper.',
  },
  survey_point_bad_name: {
    'zh-CN': '请填写发放点名称（不超过 80 个字）。',
    en: 'Enter the distribution point’s name (up to 80 characters).',
  },
  survey_point_bad_township: {
    'zh-CN': '请选择发放点所在的街道或镇。',
    en: 'Select the subdistrict or town of the distribution point.',
  },
  survey_point_bad_date: {
    'zh-CN': '请填写发放日期。',
    en: 'Enter the date the leaflets were handed out.',
  },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;
