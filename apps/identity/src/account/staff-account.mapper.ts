import type { StaffAccountResponse } from '@minsheng/contracts';
import type { StaffAccountEntity } from './staff-account.entity.js';

/** Never carries the password hash or the TOTP secret. */
export function toStaffAccountResponse(entity: StaffAccountEntity): StaffAccountResponse {
  return {
    id: entity.id,
    username: entity.username,
    displayName: entity.displayName,
    roles: entity.roles,
    divisionCode: entity.divisionCode,
    organId: entity.organId,
    status: entity.status,
    passwordChangedAt: entity.passwordChangedAt.toISOString(),
    createdAt: entity.createdAt.toISOString(),
  };
}
