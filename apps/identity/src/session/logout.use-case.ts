import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallerSession } from './caller-session.js';
import { revokeSessions } from './session-revocation.js';
import { IdentityAudit } from '../identity-audit.js';

/** Ends the caller's own session; its refresh token stops working. Idempotent. */
@Injectable()
export class LogoutUseCase {
  private readonly logger = new Logger(LogoutUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly caller: CallerSession,
    private readonly audit: IdentityAudit,
  ) {}

  async execute(authorization: string | undefined): Promise<void> {
    const { accountId, sessionId } = await this.caller.claims(authorization);
    const revoked = await revokeSessions(
      this.dataSource.manager,
      { accountId, sessionId },
      'logout',
    );
    if (revoked) {
      this.logger.log({ accountId, sessionId }, 'logged out');
      await this.audit.session('auth.logout', 'success', accountId, sessionId);
    }
  }
}
