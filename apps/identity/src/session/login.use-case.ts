import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LoginRequest, SessionTokensResponse } from '@minsheng/contracts';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../config/identity.settings.js';
import { PasswordHasher } from '../account/password-hasher.js';
import { StaffAccountEntity } from '../account/staff-account.entity.js';
import { AccessTokens } from '../signing/access-tokens.js';
import type { ClientInfo } from './client-info.js';
import { LoginProtection } from './login-protection.js';
import { newRefreshToken } from './refresh-tokens.js';
import { accountLocked, invalidCredentials, tooManyAttempts } from './session-errors.js';
import { StaffSessionEntity } from './staff-session.entity.js';
import { TotpVerifier } from './totp-verifier.js';
import { IdentityAudit } from '../identity-audit.js';

type FailureReason = 'unknown-user' | 'wrong-password' | 'disabled' | 'wrong-totp';

/**
 * Two-factor login (password + TOTP). Every wrong factor gets the same answer; repeated failures
 * lock the username for a while; each client IP has an attempt budget per minute.
 */
@Injectable()
export class LoginUseCase {
  private readonly logger = new Logger(LoginUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly totp: TotpVerifier,
    private readonly protection: LoginProtection,
    private readonly tokens: AccessTokens,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    private readonly audit: IdentityAudit,
  ) {}

  async execute(request: LoginRequest, client: ClientInfo): Promise<SessionTokensResponse> {
    if (!(await this.protection.allowAttemptFrom(client.ip))) {
      this.logger.warn({ ip: client.ip }, 'login attempts from this address throttled');
      await this.audit.login('denied', request.username.trim().toLowerCase(), client.ip, null, {
        reason: 'throttled',
      });
      throw tooManyAttempts();
    }
    const username = request.username.trim().toLowerCase();
    const attempt = await this.protection.beginAttempt(username);
    if (attempt === undefined) {
      this.logger.warn({ username, ip: client.ip }, 'login refused: locked');
      await this.audit.login('denied', username, client.ip, null, { reason: 'locked' });
      throw accountLocked(this.settings.LOGIN_LOCKOUT_MINUTES);
    }

    const account = await this.dataSource.getRepository(StaffAccountEntity).findOneBy({ username });
    const failure = await this.checkFactors(account, request);
    if (failure || !account) {
      const locked = await this.protection.recordFailure(username, attempt);
      this.logger.warn({ username, ip: client.ip, reason: failure, locked }, 'login failed');
      await this.audit.login('failure', username, client.ip, account, { reason: failure, locked });
      throw invalidCredentials();
    }
    await this.protection.recordSuccess(username);
    return this.openSession(account, client);
  }

  private async checkFactors(
    account: StaffAccountEntity | null,
    request: LoginRequest,
  ): Promise<FailureReason | null> {
    // Verifies a password even for unknown users, so response times do not reveal them.
    const passwordMatches = await this.hasher.matches(account?.passwordHash, request.password);
    if (!account) return 'unknown-user';
    if (!passwordMatches) return 'wrong-password';
    if (account.status !== 'active') return 'disabled';
    const totpAccepted = await this.totp.verifyOnce(
      account.id,
      account.totpSecretEncrypted,
      request.totpCode,
    );
    return totpAccepted ? null : 'wrong-totp';
  }

  private async openSession(
    account: StaffAccountEntity,
    client: ClientInfo,
  ): Promise<SessionTokensResponse> {
    const now = new Date();
    const sessionId = randomUUID();
    const refresh = newRefreshToken(sessionId);
    const session: StaffSessionEntity = {
      id: sessionId,
      accountId: account.id,
      createdAt: now,
      lastActivityAt: now,
      absoluteExpiresAt: new Date(
        now.getTime() + this.settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS * 1000,
      ),
      revokedAt: null,
      revokedReason: null,
      refreshTokenHash: refresh.hash,
      userAgent: client.userAgent,
      ip: client.ip,
    };
    await this.dataSource.getRepository(StaffSessionEntity).insert(session);
    const access = await this.tokens.issue({
      accountId: account.id,
      roles: account.roles,
      divisionCode: account.divisionCode,
      organId: account.organId,
      sessionId,
    });
    this.logger.log({ accountId: account.id, sessionId, ip: client.ip }, 'login succeeded');
    await this.audit.login('success', account.username, client.ip, account, { sessionId });
    return {
      accessToken: access.token,
      refreshToken: refresh.token,
      expiresIn: access.expiresIn,
      sessionId,
    };
  }
}
