/**
 * Lectures: what each refusal code of the lecture functions (`detail` of their `raise … using errcode = 'PTnnn'`,
 * supabase/migrations/*lecture* and *refusal*) says to a parent or a staff member, in both languages.
 */
import type { RefusalTable } from './types.ts';

export const lectureRefusals = {
  'lecture:rate_limited': {
    'zh-CN': '尝试次数太多，请过一段时间再试，或电话联系。',
    en: 'Too many attempts. Try again later, or call us.',
  },
  'lecture:phone_rate_limited': {
    'zh-CN': '这个手机号码的尝试次数太多，请一小时后再试，或电话联系。',
    en: 'Too many attempts for this mobile number. Try again in an hour, or call us.',
  },
  'lecture:bad_mobile': {
    'zh-CN': '请填写 11 位手机号码，例如 13812345678。',
    en: 'Enter an 11-digit mainland mobile number, like 13812345678.',
  },
  'lecture:bad_name': { 'zh-CN': '请填写 1 到 40 个字的姓名。', en: 'Enter a name of 1 to 40 characters.' },
  'lecture:bad_adults': {
    'zh-CN': '每次报名可以有 1 到 2 位成人参加。',
    en: 'One or two adults may attend per registration.',
  },
  'lecture:bad_children': {
    'zh-CN': '请填写一起参加的孩子人数（0 到 3）。',
    en: 'Enter how many children come along (0 to 3).',
  },
  'lecture:bad_age_band': { 'zh-CN': '请选择孩子的年龄。', en: "Choose your child's age." },
  'lecture:no_consent': {
    'zh-CN': '需要您同意使用联系方式才能报名。',
    en: 'You need to agree to the use of your contact details to sign up.',
  },
  'lecture:no_event': { 'zh-CN': '找不到这个活动。', en: 'This event cannot be found.' },
  'lecture:cancelled': { 'zh-CN': '这个活动已取消。', en: 'This event has been cancelled.' },
  'lecture:over': { 'zh-CN': '这个活动已结束。', en: 'This event is over.' },
  'lecture:closed': { 'zh-CN': '报名已截止。', en: 'Sign-up has closed.' },
  'lecture:not_open': { 'zh-CN': '报名尚未开始。', en: 'Sign-up has not opened yet.' },
  'lecture:duplicate': {
    'zh-CN': '这个手机号码已经报过名了。可以用手机号码和确认码查询报名。',
    en: 'This mobile number is already signed up. You can look up the registration with the number and code.',
  },
  'lecture:not_found': {
    'zh-CN': '手机号码和确认码不匹配。请核对确认码（字母和数字，没有 0、O、1、I）。',
    en: 'The mobile number and code do not match. Check the code (letters and digits, no 0, O, 1 or I).',
  },
  'lecture:checked_in': {
    'zh-CN': '已经签到，不能取消。',
    en: 'Already checked in: it can no longer be cancelled.',
  },
  'lecture:party_too_large': {
    'zh-CN': '这一组人数超过了活动的名额。',
    en: 'This party is larger than the event’s capacity.',
  },
  'lecture:bad_capacity': {
    'zh-CN': '名额应为 1 到 2000 的整数。',
    en: 'Capacity must be a whole number from 1 to 2000.',
  },
  'lecture:capacity_below_confirmed': {
    'zh-CN': '新的名额少于已确认的人数。请先取消部分报名，或保留原名额。',
    en: 'The new capacity is below the people already confirmed. Cancel registrations first, or keep the capacity.',
  },
  'lecture:bad_event': { 'zh-CN': '活动信息不完整，请重新填写。', en: 'The event details are incomplete.' },
  'lecture:missing_field': {
    'zh-CN': '请填写标题、类型、地点、街道/镇、开始和结束时间以及名额。',
    en: 'Title, kind, venue, township, start, end and capacity are required.',
  },
  'lecture:bad_title': { 'zh-CN': '请填写 1 到 120 字的标题。', en: 'Enter a title of 1 to 120 characters.' },
  'lecture:bad_kind': { 'zh-CN': '请选择类型。', en: 'Choose a kind.' },
  'lecture:bad_venue': { 'zh-CN': '请填写 1 到 200 字的地点。', en: 'Enter a venue of 1 to 200 characters.' },
  'lecture:bad_township': { 'zh-CN': '请填写街道/镇。', en: 'Enter the township.' },
  'lecture:ends_before_start': {
    'zh-CN': '结束时间要晚于开始时间。',
    en: 'The end must be after the start.',
  },
  'lecture:bad_window': { 'zh-CN': '报名开始要早于报名截止。', en: 'Sign-up must open before it closes.' },
  'lecture:closes_after_end': {
    'zh-CN': '报名截止不能晚于活动结束。',
    en: 'Sign-up must close by the end of the event.',
  },
  'lecture:bad_time': {
    'zh-CN': '请填写完整的日期和时间。',
    en: 'Enter a full date and time.',
  },
  'lecture:bad_count_rule': {
    'zh-CN': '请选择名额按谁计算：只算成人，或成人和孩子。',
    en: 'Choose who counts towards capacity: adults, or adults and children.',
  },
  'lecture:invalid': {
    'zh-CN': '活动信息有误，请检查后再保存。',
    en: 'Something in the event is not valid.',
  },
  'lecture:bad_status': {
    'zh-CN': '状态只能是草稿、已发布或已取消。',
    en: 'The status must be draft, published or cancelled.',
  },
  'lecture:has_registrations': {
    'zh-CN': '已经有人报名：请取消活动，而不是撤回发布。',
    en: 'People have registered: cancel the event instead of unpublishing it.',
  },
  'lecture:registration_cancelled': { 'zh-CN': '这条报名已取消。', en: 'This registration was cancelled.' },
  'lecture:waitlisted': {
    'zh-CN': '这位还在候补名单上，不能签到。',
    en: 'This person is on the waitlist and cannot be checked in.',
  },
} as const satisfies RefusalTable;
