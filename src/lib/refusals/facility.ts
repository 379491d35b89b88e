/** Facilities kept by providers and staff (issue 17): the refusal codes of the facility functions, in both languages. */
import type { RefusalTable } from './types.ts';

export const facilityRefusals = {
  'facility:sign_in_required': { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  'facility:not_yours': {
    'zh-CN': '这个账号不能修改这家机构的信息。如需调整，请联系区卫健委工作人员。',
    en: 'This account may not change this facility. Ask the district health commission’s staff if it should.',
  },
  'facility:not_found': { 'zh-CN': '找不到这家机构。', en: 'There is no such facility.' },
  'facility:bad_vacancies': {
    'zh-CN': '请为每个月龄段填写 0 或更大的整数。',
    en: 'Give a whole number, 0 or more, for each age band.',
  },
  'facility:over_places': {
    'zh-CN': '空余托位不能多于核定托位数。',
    en: 'Free places cannot be more than the approved number of places.',
  },
  'facility:bad_hours': {
    'zh-CN': '请填写服务时间（1 到 100 个字）。',
    en: 'Give the opening hours (1 to 100 characters).',
  },
  'facility:bad_closure': {
    'zh-CN': '请填写暂停服务的开始日期和原因（1 到 200 个字）；结束日期不能早于开始日期。',
    en: 'Give the closure’s first day and a reason (1 to 200 characters); the last day cannot be before the first.',
  },
  'facility:regulated_field': {
    'zh-CN': '这一项只能由区卫健委工作人员修改。机构可以提交收费、电话和预收费规则的修改。',
    en: 'Only the district’s staff change this. A facility can propose changes to fees, phone and prepayment terms.',
  },
  'facility:bad_value': {
    'zh-CN':
      '填写的内容不符合要求，请检查后再提交（收费为整数元，电话如 0566-1234567 或 11 位手机号，预收费最多 12 个月）。',
    en: 'That value is not accepted. Check it (fees in whole yuan, a phone like 0566-1234567 or 11 digits, at most 12 months prepaid).',
  },
  'facility:checked': {
    'zh-CN': '已检查（内部步骤）。',
    en: 'Checked (an internal step).',
  },
  'facility:no_request': { 'zh-CN': '找不到这条修改申请。', en: 'There is no such proposal.' },
  'facility:already_reviewed': {
    'zh-CN': '这条修改申请已经处理过了。',
    en: 'This proposal has already been dealt with.',
  },
  'facility:reason_required': {
    'zh-CN': '请写明原因（1 到 200 个字）。',
    en: 'Give a reason (1 to 200 characters).',
  },
  'facility:bad_record': {
    'zh-CN': '修改后的机构信息不符合数据规则，没有保存。',
    en: 'The facility would break a rule of the facility data; nothing was saved.',
  },
  'facility:bad_display_name': { 'zh-CN': '名称需要 1 到 80 个字。', en: 'A name needs 1 to 80 characters.' },
  'facility:bad_phone': { 'zh-CN': '手机号需要 11 位数字。', en: 'A mobile number has 11 digits.' },
  'facility:no_facilities': {
    'zh-CN': '请至少选择一家机构。',
    en: 'Choose at least one facility.',
  },
  'facility:no_user': {
    'zh-CN': '没有使用这个邮箱的账号。请先创建账号（npm run staff -- add-provider）。',
    en: 'There is no account with this email. Create it first (npm run staff -- add-provider).',
  },
  'facility:account_is_staff': {
    'zh-CN': '这是工作人员账号，不能同时作为机构账号。',
    en: 'This is a staff account; it cannot also be a facility account.',
  },
} as const satisfies RefusalTable;
