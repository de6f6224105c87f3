import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes } from '@minsheng/contracts';
import { CallerSession } from './caller-session.js';
import { revokeSessions } from './session-revocation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ends one of the caller's own open sessions (e.g. a forgotten browser); others' answer 404. */
@Injectable()
export class RevokeOwnSessionUseCase {
  private readonly logger = new Logger(RevokeOwnSessionUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly caller: CallerSession,
  ) {}

  async execute(authorization: string | undefined, sessionId: string): Promise<void> {
    const { accountId } = await this.caller.liveClaims(authorization);
    const revoked = UUID.test(sessionId)
      ? await revokeSessions(this.dataSource.manager, { accountId, sessionId }, 'revoked-by-owner')
      : 0;
    if (!revoked) {
      throw new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该会话' });
    }
    this.logger.log({ accountId, sessionId }, 'session revoked by its owner');
  }
}
