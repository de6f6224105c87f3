import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import type { StaffSessionListResponse } from '@minsheng/contracts';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../config/identity.settings.js';
import { CallerSession } from './caller-session.js';
import { StaffSessionEntity } from './staff-session.entity.js';
import { toStaffSessionResponse } from './staff-session.mapper.js';

/** The caller's sessions that are still open, newest first. */
@Injectable()
export class ListOwnSessionsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caller: CallerSession,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute(authorization: string | undefined): Promise<StaffSessionListResponse> {
    const { accountId, sessionId } = await this.caller.liveClaims(authorization);
    const now = Date.now();
    const sessions = await this.dataSource.getRepository(StaffSessionEntity).find({
      where: {
        accountId,
        revokedAt: IsNull(),
        absoluteExpiresAt: MoreThan(new Date(now)),
        lastActivityAt: MoreThan(new Date(now - this.settings.SESSION_IDLE_TIMEOUT_SECONDS * 1000)),
      },
      order: { createdAt: 'DESC' },
    });
    return { items: sessions.map((session) => toStaffSessionResponse(session, sessionId)) };
  }
}
