import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCodes, IdentityErrorCodes, type Role } from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { roleConflict } from './separation-of-duties.js';
import { StaffAccountEntity } from './staff-account.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function accountNotFound(): NotFoundException {
  return new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该账号' });
}

/**
 * The account with this id when it lies in the administrator's jurisdiction; otherwise 404, so
 * accounts elsewhere do not reveal that they exist. `lock` takes a row lock for an update.
 */
export async function findAccountInScope(
  manager: EntityManager,
  administrator: Principal,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<StaffAccountEntity> {
  if (!UUID.test(id)) throw accountNotFound();
  const account = await manager.findOne(StaffAccountEntity, {
    where: { id },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!account || !coversDivision(administrator, account.divisionCode)) throw accountNotFound();
  return account;
}

/** Administrators never change their own account: another administrator must. */
export function assertNotOwnAccount(administrator: Principal, id: string): void {
  if (administrator.userId === id) {
    throw new ForbiddenException({ code: ErrorCodes.forbidden, message: '不能修改自己的账号' });
  }
}

/** 三员分立: see `roleConflict`. */
export function assertRolesSeparated(roles: readonly Role[]): void {
  const conflict = roleConflict(roles);
  if (conflict) {
    throw new BadRequestException({
      code: IdentityErrorCodes.roleConflict,
      message: conflict,
      fields: [{ path: 'roles', code: IdentityErrorCodes.roleConflict, message: conflict }],
    });
  }
}
