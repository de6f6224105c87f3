import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../config/identity.settings.js';
import { AccessTokens, type OwnTokenClaims } from '../signing/access-tokens.js';
import { sessionExpired, sessionRevoked, unauthenticated } from './session-errors.js';
import { sessionState } from './session-lifetime.js';
import { StaffSessionEntity } from './staff-session.entity.js';

/**
 * The session behind the caller's access token. The global guard has already checked the token;
 * the `sid` is read here by verifying it again against this service's own key, so only tokens
 * this issuer signed name a session.
 */
@Injectable()
export class CallerSession {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async claims(authorization: string | undefined): Promise<OwnTokenClaims> {
    const token = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
    const claims = token ? await this.tokens.readOwn(token) : undefined;
    if (!claims) throw unauthenticated();
    return claims;
  }

  /** As `claims`, and the session must still be open. */
  async liveClaims(authorization: string | undefined): Promise<OwnTokenClaims> {
    const claims = await this.claims(authorization);
    const session = await this.dataSource
      .getRepository(StaffSessionEntity)
      .findOneBy({ id: claims.sessionId, accountId: claims.accountId });
    if (!session) throw sessionRevoked();
    const state = sessionState(session, new Date(), {
      idleSeconds: this.settings.SESSION_IDLE_TIMEOUT_SECONDS,
    });
    if (state === 'revoked') throw sessionRevoked();
    if (state === 'expired') throw sessionExpired();
    return claims;
  }
}
