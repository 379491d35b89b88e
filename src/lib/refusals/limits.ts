/**
 * The limiters' and the township sync's own argument checks (hit_rate_limit, record_sign_in, sync_townships).
 * Only our code calls them, so these mean a
 * bug; the text says so plainly and the code is shown for staff.
 */
import type { RefusalTable } from './types.ts';

export const limitsRefusals = {
  'rate_limit:bad_arguments': {
    'zh-CN': '系统内部设置有误，请联系管理员。',
    en: 'An internal setting is wrong. Please tell an admin.',
  },
  'sign_in:bad_arguments': {
    'zh-CN': '系统内部设置有误，请联系管理员。',
    en: 'An internal setting is wrong. Please tell an admin.',
  },
  'district:bad_townships': {
    'zh-CN': '本区的街道/乡镇设置有误（src/districts/），请联系管理员。',
    en: 'The district’s township settings are wrong (src/districts/). Please tell an admin.',
  },
} as const satisfies RefusalTable;
