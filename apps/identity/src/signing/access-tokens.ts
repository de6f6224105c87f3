import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { SERVICE_ENV, type ServiceEnv } from '@minsheng/runtime';
import type { Role } from '@minsheng/contracts';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../config/identity.settings.js';
import { SigningKey } from './signing-key.js';

export interface AccessTokenSubject {
  accountId: string;
  roles: Role[];
  divisionCode: string;
  organId: string | null;
  sessionId: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

/** The claims of one of this service's own access tokens that sessions need. */
export interface OwnTokenClaims {
  accountId: string;
  sessionId: string;
}

/**
 * Issues ES256 access tokens in exactly the shape `TokenVerifier` accepts (`sub`, `roles`,
 * `division`, `organ`), plus `sid`; and reads `sid` back from tokens this key signed.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly key: SigningKey,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async issue(subject: AccessTokenSubject): Promise<IssuedAccessToken> {
    const expiresIn = this.settings.ACCESS_TOKEN_TTL_SECONDS;
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      roles: subject.roles,
      division: subject.divisionCode,
      ...(subject.organId ? { organ: subject.organId } : {}),
      sid: subject.sessionId,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: this.key.kid })
      .setSubject(subject.accountId)
      .setIssuer(this.env.AUTH_ISSUER)
      .setAudience(this.env.AUTH_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .sign(this.key.privateKey);
    return { token, expiresIn };
  }

  /** `sub` and `sid` of a valid token signed by this service's key; undefined otherwise. */
  async readOwn(token: string): Promise<OwnTokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        issuer: this.env.AUTH_ISSUER,
        audience: this.env.AUTH_AUDIENCE,
        algorithms: ['ES256'],
      });
      const { sub, sid } = payload;
      if (typeof sub !== 'string' || typeof sid !== 'string') return undefined;
      return { accountId: sub, sessionId: sid };
    } catch {
      return undefined;
    }
  }
}
