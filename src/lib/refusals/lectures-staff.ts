/** Refusals of the staff lecture functions (rosters, export, waitlist limit, event status), both locales. */
import type { RefusalTable } from './index.ts';

export const lecturesStaffRefusals = {
  'lecture:no_event': { 'zh-CN': '找不到这个活动，可能已被删除。', en: 'This event cannot be found.' },
  'lecture:not_found': { 'zh-CN': '找不到这条报名记录。', en: 'This registration cannot be found.' },
  'lecture:bad_page': {
    'zh-CN': '名单分页参数不对，请刷新页面。',
    en: 'Bad page of the roster; reload the page.',
  },
  'lecture:bad_status': {
    'zh-CN': '活动状态不对，请刷新页面。',
    en: 'Unknown event status; reload the page.',
  },
  'lecture:cancelled': {
    'zh-CN': '活动已取消，不能重新开放。请新建一个活动。',
    en: 'A cancelled event cannot be reopened. Create a new event instead.',
  },
  'lecture:has_registrations': {
    'zh-CN': '已经有人报名，不能撤回发布；如需停办，请取消活动。',
    en: 'People have registered: cancel the event instead of unpublishing it.',
  },
  'lecture:bad_waitlist_limit': {
    'zh-CN': '候补人数上限应为 0 到 2000 的整数。',
    en: 'The waitlist limit must be a whole number from 0 to 2000.',
  },
  'lecture:waitlist_full': {
    'zh-CN': '本场候补名额已满，暂时不能再报名。',
    en: 'The waitlist of this event is full.',
  },
  'lecture:export_full_admin_only': {
    'zh-CN': '只有管理员可以导出完整手机号。您可以导出隐去中间四位的名单。',
    en: 'Only an admin may export full phone numbers. You can export the masked roster.',
  },
  'lecture:export_reason_required': {
    'zh-CN': '导出完整手机号需要填写原因（4 到 200 个字）。',
    en: 'Exporting full phone numbers needs a reason (4 to 200 characters).',
  },
} satisfies RefusalTable;
