import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionTokensResponse } from '@minsheng/contracts';
import { inTransaction } from '@minsheng/persistence';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../config/identity.settings.js';
import { StaffAccountEntity } from '../account/staff-account.entity.js';
import { AccessTokens } from '../signing/access-tokens.js';
import { newRefreshToken, parseRefreshToken, sameHash } from './refresh-tokens.js';
import { invalidRefreshToken, sessionExpired, sessionRevoked } from './session-errors.js';
import { sessionState } from './session-lifetime.js';
import { revokeSessions } from './session-revocation.js';
import { StaffSessionEntity } from './staff-session.entity.js';

type Outcome =
  | { ok: true; account: StaffAccountEntity; sessionId: string; refreshToken: string }
  | { ok: false; error: () => Error };

/**
 * Rotates the refresh token and issues a new access token (with the account's current roles).
 * A token that was already rotated away is reuse — a stolen copy or a replay — and ends the
 * whole session.
 */
@Injectable()
export class RefreshSessionUseCase {
  private readonly logger = new Logger(RefreshSessionUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccessTokens,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute(refreshToken: string): Promise<SessionTokensResponse> {
    const presented = parseRefreshToken(refreshToken);
    if (!presented) throw invalidRefreshToken();
    // Revocations commit before the error is answered, hence an outcome instead of a throw.
    const outcome = await inTransaction(this.dataSource, (tx) => this.rotate(tx, presented));
    if (!outcome.ok) throw outcome.error();
    const { account, sessionId } = outcome;
    const access = await this.tokens.issue({
      accountId: account.id,
      roles: account.roles,
      divisionCode: account.divisionCode,
      organId: account.organId,
      sessionId,
    });
    return {
      accessToken: access.token,
      refreshToken: outcome.refreshToken,
      expiresIn: access.expiresIn,
      sessionId,
    };
  }

  private async rotate(
    tx: EntityManager,
    presented: { sessionId: string; secretHash: string },
  ): Promise<Outcome> {
    const session = await tx.findOne(StaffSessionEntity, {
      where: { id: presented.sessionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!session) return { ok: false, error: invalidRefreshToken };
    if (session.revokedAt) return { ok: false, error: sessionRevoked };
    const ids = { accountId: session.accountId, sessionId: session.id };
    if (!sameHash(session.refreshTokenHash, presented.secretHash)) {
      await revokeSessions(tx, ids, 'refresh-token-reuse');
      this.logger.warn(ids, 'rotated refresh token presented again: session revoked');
      return { ok: false, error: sessionRevoked };
    }
    const now = new Date();
    const state = sessionState(session, now, {
      idleSeconds: this.settings.SESSION_IDLE_TIMEOUT_SECONDS,
    });
    if (state !== 'active') return { ok: false, error: sessionExpired };
    const account = await tx.findOneBy(StaffAccountEntity, { id: session.accountId });
    if (!account || account.status !== 'active') {
      await revokeSessions(tx, ids, 'account-disabled');
      return { ok: false, error: sessionRevoked };
    }
    const next = newRefreshToken(session.id);
    await tx.update(
      StaffSessionEntity,
      { id: session.id },
      { refreshTokenHash: next.hash, lastActivityAt: now },
    );
    return { ok: true, account, sessionId: session.id, refreshToken: next.token };
  }
}
