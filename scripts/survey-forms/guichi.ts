/**
 * The district's childcare-demand questionnaire (the questions the phone form asked until December 2026), as an
 * XLSForm, with issue 16's fixes for families: an opening note saying who it is for; a short path for households
 * without a child under 3 (expecting: the due month; older children only: thank you); non-overlapping fee bands;
 * "还没想好"; "其他（请注明）" where reasons are listed; care forms `temporary` and `employer_site`.
 * The township list is filled at publish time from app.townships (list name `townships`).
 * Groups are the phone's steps (issue 16's ≤ 20 taps): the reasons for care and the priorities share one, the
 * place and the optional phone another. Regrouped after 2026-12 was made but before it was ever deployed, so it
 * keeps its version: the same questions, names, choices and rules (every answer is judged as before), only the
 * steps and the printed numbers of the priorities (now Q9) and the questions between (Q10–Q16) moved.
 */
import { end, list, row, type XlsFormSource } from './xlsform.ts';

const FAMILY = "${household} = 'under3' or ${household} = 'expecting'";
const UNDER3 = "${household} = 'under3'";
const WANTS = "${wants_care} = 'yes'";

export const guichiForm: XlsFormSource = {
  settings: {
    form_id: 'childcare-demand',
    version: '2026-12',
    'title::zh-CN': '托育服务需求调查',
    'title::en': 'Childcare demand survey',
    default_language: 'zh-CN',
  },
  survey: [
    row(
      'note',
      'intro',
      '本问卷面向家里有 3 岁以下孩子、或正在怀孕待产的家庭，了解托育需求，帮助本区按需规划托位。约需 5 分钟。家里孩子都已满 3 岁的，回答第 1 题即可。',
      'This survey is for households with a child under 3 or expecting a baby: it helps the district plan childcare places. About 5 minutes. If all your children are 3 or older, answering question 1 is enough.',
    ),
    row('select_one household', 'household', '您家里的情况是？', 'Which describes your household?', {
      required: 'yes',
    }),
    row(
      'note',
      'thanks_older',
      '感谢您！本调查只问有 3 岁以下孩子或正在待产的家庭，您不需要再回答其他问题，直接提交即可。',
      'Thank you! This survey asks only households with a child under 3 or expecting one: you need not answer more, just send.',
      { relevant: "${household} = 'older_only'" },
    ),
    row('date', 'due_month', '预产期是哪年哪月？', 'In which month is the baby due?', {
      'hint::zh-CN': '例如 2027-03',
      'hint::en': 'For example 2027-03',
      appearance: 'month-year',
      required: 'yes',
      relevant: "${household} = 'expecting'",
      constraint: 'months(.) >= months(today()) and months(.) - months(today()) <= 10',
      'constraint_message::zh-CN': '预产期应在本月到 10 个月以内',
      'constraint_message::en': 'The due month must be within the next 10 months',
    }),
    row('select_one relation', 'relation', '您和孩子是什么关系？', 'What is your relation to the child?', {
      required: 'yes',
      relevant: FAMILY,
    }),
    row('begin_repeat', 'children', '家中 3 岁以下的孩子', 'Children under 3 in your household', {
      relevant: UNDER3,
      max: '6',
    }),
    row('date', 'birth_month', '孩子是哪年哪月出生的？', 'In which month was the child born?', {
      'hint::zh-CN': '只填出生年月，不填姓名或具体日期。',
      'hint::en': 'Year and month only — no names or exact dates.',
      appearance: 'month-year',
      required: 'yes',
      constraint: 'months(today()) - months(.) >= 0 and months(today()) - months(.) <= 36',
      'constraint_message::zh-CN':
        '出生年月不能晚于填表的月份，也不能早于 36 个月以前（本调查只问 3 岁以下的孩子）',
      'constraint_message::en':
        'The birth month must be no later than the month of this form and at most 36 months before it (children under 3 only)',
    }),
    end('repeat'),
    row('select_one carer', 'carer', '现在主要由谁照看孩子？', 'Who mainly looks after the child now?', {
      required: 'yes',
      relevant: UNDER3,
    }),
    row('select_one in_care', 'in_care', '孩子现在是否已经送托？', 'Is the child in childcare already?', {
      required: 'yes',
      relevant: UNDER3,
    }),
    row('select_one wants_care', 'wants_care', '您家是否有送托需求？', 'Does your family want childcare?', {
      required: 'yes',
      relevant: UNDER3,
    }),
    // Two questions with checkboxes on one step (one 继续 for both): why care, and what matters when choosing.
    row('begin_group', 'why', '送托的原因和您看重的方面', 'Why childcare, and what matters to you', {
      relevant: WANTS,
    }),
    row(
      'select_multiple reasons_for or_other',
      'reasons_for',
      '想送托的原因是什么？（可多选）',
      'Why do you want childcare? (select all that apply)',
      { required: 'yes' },
    ),
    row(
      'select_multiple priorities',
      'priorities',
      '选择托育机构时您最看重什么？（最多选 3 项）',
      'What matters most when you choose childcare? (up to 3)',
      {
        required: 'yes',
        constraint: 'count-selected(.) <= 3',
        'constraint_message::zh-CN': '最多选择 3 项',
        'constraint_message::en': 'Choose at most 3',
      },
    ),
    end('group'),
    row(
      'select_multiple reasons_against or_other',
      'reasons_against',
      '不打算送托的原因是什么？（可多选）',
      'Why do you not want childcare? (select all that apply)',
      {
        required: 'yes',
        relevant: "${wants_care} = 'no'",
      },
    ),
    row(
      'select_one provider',
      'provider',
      '您更希望选择哪类托育机构？',
      'Which kind of provider would you prefer?',
      {
        required: 'yes',
        relevant: WANTS,
      },
    ),
    row('select_one care_form', 'care_form', '您需要哪种托育形式？', 'Which form of care do you need?', {
      required: 'yes',
      relevant: WANTS,
    }),
    row('select_one fee', 'fee', '每月能接受的托育费用是多少？', 'What monthly fee could you accept?', {
      required: 'yes',
      relevant: WANTS,
    }),
    row(
      'select_one distance',
      'distance',
      '托育机构离家多远可以接受？',
      'How far from home could the childcare be?',
      {
        required: 'yes',
        relevant: WANTS,
      },
    ),
    row('begin_group', 'times', '希望几点送、几点接？', 'When would you drop off and pick up?', {
      relevant: WANTS,
    }),
    row('select_one dropoff', 'dropoff', '送托时间', 'Drop-off time', { required: 'yes' }),
    row('select_one pickup', 'pickup', '接回时间', 'Pick-up time', { required: 'yes' }),
    end('group'),
    row('begin_group', 'place', '您住在哪里？', 'Where do you live?', { relevant: FAMILY }),
    row(
      'select_one townships',
      'township',
      '您住在哪个街道或镇？',
      'Which subdistrict or town do you live in?',
      { required: 'yes' },
    ),
    row('text', 'community', '所在社区或村（选填）', 'Community or village (optional)', {
      constraint: 'string-length(.) <= 60',
      'constraint_message::zh-CN': '社区名称不超过 60 个字',
      'constraint_message::en': 'At most 60 characters',
    }),
    // The optional phone shares the place's step (one 继续 for both).
    row(
      'begin_group',
      'contact',
      '是否愿意留电话，方便我们回访？',
      'Would you leave a phone number for a follow-up call?',
    ),
    row('text', 'phone', '手机号码（选填）', 'Mobile number (optional)', {
      'hint::zh-CN': '不留电话也可以提交。号码只用于回访，180 天后删除。',
      'hint::en':
        'You can send without one. The number is used only for a follow-up call and deleted after 180 days.',
      appearance: 'numbers',
      constraint: "regex(., '^1[3-9][0-9]{9}$')",
      'constraint_message::zh-CN': '请填写 11 位手机号码，例如 13800138000',
      'constraint_message::en': 'Enter an 11-digit mobile number, e.g. 13800138000',
    }),
    row('select_multiple phone_consent', 'phone_consent', '回访同意', 'Consent to a follow-up call', {
      required: 'yes',
      relevant: "${phone} != ''",
    }),
    end('group'),
    end('group'),
  ],
  choices: [
    ...list('household', [
      ['under3', '家里有 3 岁以下（36 个月以内）的孩子', 'We have a child under 3 (up to 36 months)'],
      ['expecting', '正在怀孕，孩子还没出生', 'We are expecting a baby'],
      ['older_only', '家里的孩子都已满 3 岁', 'All our children are 3 or older'],
    ]),
    ...list('relation', [
      ['mother', '母亲', 'Mother'],
      ['father', '父亲', 'Father'],
      ['grandparent', '（外）祖父母', 'Grandparent'],
      ['other', '其他', 'Other'],
    ]),
    ...list('carer', [
      ['parents', '父母', 'Parents'],
      ['grandparents', '（外）祖父母', 'Grandparents'],
      ['nanny', '保姆', 'Nanny'],
      ['childcare', '托育机构', 'A childcare centre'],
      ['other', '其他', 'Other'],
    ]),
    ...list('in_care', [
      ['enrolled', '已送托', 'Yes, in childcare'],
      ['registered', '已报名，还未入托', 'Registered, not started yet'],
      ['not_enrolled', '未送托', 'No'],
    ]),
    ...list('wants_care', [
      ['yes', '有', 'Yes'],
      ['no', '没有', 'No'],
      ['undecided', '还没想好', 'Not decided yet'],
    ]),
    ...list('reasons_for', [
      ['kindergarten_ready', '提前适应幼儿园', 'To get ready for kindergarten'],
      ['early_learning', '早期教育', 'Early learning'],
      ['no_one_at_home', '家里没人照看', 'No one at home to look after the child'],
      ['professional_care', '希望得到专业照护', 'Professional care'],
    ]),
    ...list('reasons_against', [
      ['too_young', '孩子太小', 'The child is too young'],
      ['family_cares', '家人能照看', 'Family can look after the child'],
      ['safety', '担心安全', 'Worried about safety'],
      ['cost', '费用太高', 'Too expensive'],
    ]),
    ...list('provider', [
      ['kindergarten_class', '幼儿园托班', 'Nursery class in a kindergarten'],
      ['public_centre', '公办托育机构', 'Public childcare centre'],
      ['community_point', '社区托育点', 'Community childcare point'],
      ['employer_site', '单位（用人单位）托育点', 'Workplace childcare point'],
      ['early_learning_centre', '早教中心', 'Early learning centre'],
    ]),
    ...list('care_form', [
      ['full_day', '全日托', 'Full day'],
      ['half_day', '半日托', 'Half day'],
      ['hourly', '计时托', 'By the hour'],
      ['temporary', '临时托', 'Occasional'],
    ]),
    ...list('fee', [
      ['under_1000', '1000 元以下', 'Under 1,000 yuan'],
      ['1000_1999', '1000–1999 元', '1,000–1,999 yuan'],
      ['2000_2999', '2000–2999 元', '2,000–2,999 yuan'],
      ['3000_plus', '3000 元及以上', '3,000 yuan or more'],
    ]),
    ...list('distance', [
      ['within_1km', '1 公里以内', 'Within 1 km'],
      ['1_3km', '1–3 公里', '1–3 km'],
      ['over_3km', '3 公里以上也可以', 'More than 3 km is fine'],
    ]),
    ...list('dropoff', [
      ['before_0730', '7:30 以前', 'Before 7:30'],
      ['0730_0830', '7:30–8:30', '7:30–8:30'],
      ['after_0830', '8:30 以后', 'After 8:30'],
    ]),
    ...list('pickup', [
      ['before_1630', '16:30 以前', 'Before 16:30'],
      ['1630_1730', '16:30–17:30', '16:30–17:30'],
      ['1730_1830', '17:30–18:30', '17:30–18:30'],
      ['after_1830', '18:30 以后', 'After 18:30'],
    ]),
    ...list('priorities', [
      ['safety', '安全', 'Safety'],
      ['health_care', '卫生保健', 'Health care'],
      ['caregivers', '保育人员（师资）', 'Caregivers'],
      ['environment', '环境设施', 'Premises and environment'],
      ['meals', '膳食营养', 'Meals'],
      ['cost', '费用', 'Cost'],
    ]),
    ...list('phone_consent', [
      [
        'yes',
        '我同意工作人员用这个号码联系我回访',
        'I agree that staff may call me on this number for a follow-up',
      ],
    ]),
  ],
};

/** A second, shorter example version: who, children, wants care, care form, fee, township (and a count). */
export const shortForm: XlsFormSource = {
  settings: {
    form_id: 'childcare-demand',
    version: '2027-01',
    'title::zh-CN': '托育服务需求调查（简版）',
    'title::en': 'Childcare demand survey (short)',
    default_language: 'zh-CN',
  },
  survey: [
    guichiForm.survey[0],
    guichiForm.survey[1],
    guichiForm.survey[2],
    row('begin_repeat', 'children', '家中 3 岁以下的孩子', 'Children under 3 in your household', {
      relevant: UNDER3,
      max: '6',
    }),
    guichiForm.survey.find((r) => r.name === 'birth_month')!,
    end('repeat'),
    row(
      'integer',
      'children_total',
      '家里一共有几个孩子（含 3 岁以上）？',
      'How many children live in your household (any age)?',
      {
        required: 'yes',
        relevant: UNDER3,
        constraint: '. >= 1 and . <= 10',
        'constraint_message::zh-CN': '请填 1 到 10 之间的整数',
        'constraint_message::en': 'Enter a whole number from 1 to 10',
      },
    ),
    guichiForm.survey.find((r) => r.name === 'wants_care')!,
    guichiForm.survey.find((r) => r.name === 'care_form')!,
    guichiForm.survey.find((r) => r.name === 'fee')!,
    row(
      'select_one townships',
      'township',
      '您住在哪个街道或镇？',
      'Which subdistrict or town do you live in?',
      {
        required: 'yes',
        relevant: UNDER3,
      },
    ),
  ],
  choices: guichiForm.choices.filter((c) =>
    ['household', 'wants_care', 'care_form', 'fee'].includes(c.list_name),
  ),
};
