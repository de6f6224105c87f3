import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffAccountResponse, UpdateStaffAccountRequest } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { revokeSessions } from '../session/session-revocation.js';
import { assertNotOwnAccount, assertRolesSeparated, findAccountInScope } from './account-access.js';
import { StaffAccountEntity } from './staff-account.entity.js';
import { toStaffAccountResponse } from './staff-account.mapper.js';
import { IdentityAudit } from '../identity-audit.js';

/** Changes roles, status or display name; disabling an account also ends its sessions. */
@Injectable()
export class UpdateStaffAccountUseCase {
  private readonly logger = new Logger(UpdateStaffAccountUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: IdentityAudit,
  ) {}

  async execute(
    administrator: Principal,
    id: string,
    changes: UpdateStaffAccountRequest,
  ): Promise<StaffAccountResponse> {
    assertNotOwnAccount(administrator, id);
    if (changes.roles) assertRolesSeparated(changes.roles);
    const updated = await inTransaction(this.dataSource, async (tx) => {
      const account = await findAccountInScope(tx, administrator, id, { lock: true });
      const next: StaffAccountEntity = {
        ...account,
        displayName: changes.displayName ?? account.displayName,
        roles: changes.roles ?? account.roles,
        status: changes.status ?? account.status,
      };
      await tx.update(
        StaffAccountEntity,
        { id },
        { displayName: next.displayName, roles: next.roles, status: next.status },
      );
      if (next.status === 'disabled' && account.status !== 'disabled') {
        await revokeSessions(tx, { accountId: id }, 'account-disabled');
      }
      await this.audit.accountChanged(
        administrator,
        'account.updated',
        next,
        {
          before: {
            roles: account.roles,
            status: account.status,
            displayName: account.displayName,
          },
          after: { roles: next.roles, status: next.status, displayName: next.displayName },
        },
        tx,
      );
      return next;
    });
    this.logger.log(
      { accountId: id, by: administrator.userId, changed: Object.keys(changes) },
      'staff account updated',
    );
    return toStaffAccountResponse(updated);
  }
}
