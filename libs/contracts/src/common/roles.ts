/**
 * Staff roles. The three administrators are deliberately separate (等保 三权分立): none of them
 * can do another's work.
 */
export const ROLES = [
  'clerk', // 登记员
  'handler', // 承办人
  'supervisor', // 督办员
  'leader', // 领导
  'analyst', // 分析员
  'system-admin', // 系统管理员
  'security-admin', // 安全管理员
  'audit-admin', // 审计管理员
  // 特邀监督员: an invited third party (deputy, CPPCC member, journalist). The role opens no
  // route by itself but the campaign reads, and there only what a campaign grant allows.
  'observer',
] as const;
export type Role = (typeof ROLES)[number];
