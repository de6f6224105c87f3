import type { StaffSessionResponse } from '@minsheng/contracts';
import type { StaffSessionEntity } from './staff-session.entity.js';

/** Never carries the refresh token hash. */
export function toStaffSessionResponse(
  entity: StaffSessionEntity,
  currentSessionId: string,
): StaffSessionResponse {
  return {
    id: entity.id,
    createdAt: entity.createdAt.toISOString(),
    lastActivityAt: entity.lastActivityAt.toISOString(),
    absoluteExpiresAt: entity.absoluteExpiresAt.toISOString(),
    userAgent: entity.userAgent,
    ip: entity.ip,
    current: entity.id === currentSessionId,
  };
}
