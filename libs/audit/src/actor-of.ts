import type { AuditActor } from './audit-entry.js';

/** The audit actor for an authenticated staff member (a Principal from @minsheng/auth). */
export function actorOf(principal: {
  userId: string;
  roles: string[];
  divisionCode: string;
}): AuditActor {
  return { id: principal.userId, roles: principal.roles, divisionCode: principal.divisionCode };
}
