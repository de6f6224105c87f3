import type { Role } from '@minsheng/contracts';

/** 三员: system, security and audit administrators. */
export const ADMINISTRATOR_ROLES: readonly Role[] = [
  'system-admin',
  'security-admin',
  'audit-admin',
];

/**
 * Why a set of roles breaks the separation of duties (三员分立), or null when it does not: at most
 * one administrator role, never an administrator role together with a business role, and an
 * invited observer (特邀监督员) is an observer only — a campaign grant must be all it can read.
 */
export function roleConflict(roles: readonly Role[]): string | null {
  const administrator = roles.filter((role) => ADMINISTRATOR_ROLES.includes(role));
  if (administrator.length > 1) {
    return `系统管理员、安全管理员、审计管理员不能由同一账号兼任（${administrator.join('、')}）`;
  }
  if (roles.includes('observer') && roles.length > 1) {
    return '特邀监督员账号不能兼任其他角色';
  }
  if (administrator.length === 1 && roles.length > 1) {
    return `管理员角色（${administrator[0]}）不能与业务角色兼任`;
  }
  return null;
}
