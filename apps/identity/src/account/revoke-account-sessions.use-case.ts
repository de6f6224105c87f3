import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RevokeSessionsResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { revokeSessions } from '../session/session-revocation.js';
import { assertNotOwnAccount, findAccountInScope } from './account-access.js';
import { IdentityAudit } from '../identity-audit.js';

/** Ends every session of an account: its refresh tokens stop working at once. */
@Injectable()
export class RevokeAccountSessionsUseCase {
  private readonly logger = new Logger(RevokeAccountSessionsUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: IdentityAudit,
  ) {}

  async execute(administrator: Principal, id: string): Promise<RevokeSessionsResponse> {
    assertNotOwnAccount(administrator, id);
    const revokedSessions = await inTransaction(this.dataSource, async (tx) => {
      const account = await findAccountInScope(tx, administrator, id);
      const count = await revokeSessions(tx, { accountId: id }, 'revoked-by-admin');
      await this.audit.accountChanged(
        administrator,
        'account.sessions-revoked',
        account,
        { count },
        tx,
      );
      return count;
    });
    this.logger.log(
      { accountId: id, by: administrator.userId, revokedSessions },
      'staff sessions revoked',
    );
    return { revokedSessions };
  }
}
