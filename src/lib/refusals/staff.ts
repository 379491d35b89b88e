/** Staff accounts: the refusal codes of require_staff_role, whoami and upsert_staff, in both languages. */
import type { RefusalTable } from './types.ts';

export const staffRefusals = {
  'staff:sign_in_required': { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  'staff:role_required': {
    'zh-CN': '您的账号没有做这件事的权限。请管理员为您分配角色。',
    en: 'Your account may not do this. Ask an admin to give you the role.',
  },
  'staff:no_user': {
    'zh-CN': '没有使用这个邮箱的账号。请先按“添加新同事”中的方法创建账号。',
    en: 'There is no account with this email. Create one first as described under “Add a new colleague”.',
  },
  'staff:last_admin': {
    'zh-CN': '不能这样做：这是最后一位启用的管理员。请先把另一位同事设为管理员，再更改这个账号。',
    en: 'Not possible: this is the last active admin. Make someone else an admin first, then change this account.',
  },
  'staff:bad_role': { 'zh-CN': '请选择角色：外联人员或管理员。', en: 'Choose a role: outreach or admin.' },
  'staff:bad_display_name': { 'zh-CN': '姓名需要 1 到 80 个字。', en: 'A name needs 1 to 80 characters.' },
} as const satisfies RefusalTable;
