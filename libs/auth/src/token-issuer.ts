import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import type { Role } from '@minsheng/contracts';

export interface TokenClaims {
  userId: string;
  roles: Role[];
  divisionCode: string;
  organId?: string;
}

/** Signs an ES256 access token in the shape TokenVerifier accepts (dev tooling and tests). */
export function signAccessToken(
  key: CryptoKey | KeyObject,
  claims: TokenClaims,
  { issuer, audience, expiresIn = '15m' }: { issuer: string; audience: string; expiresIn?: string },
): Promise<string> {
  return new SignJWT({
    roles: claims.roles,
    division: claims.divisionCode,
    ...(claims.organId ? { organ: claims.organId } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}
