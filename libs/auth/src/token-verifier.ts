import { readFile } from 'node:fs/promises';
import {
  createRemoteJWKSet,
  importJWK,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JWTVerifyGetKey,
  type KeyObject,
} from 'jose';
import { ROLES, type Role } from '@minsheng/contracts';
import type { Principal } from './principal.js';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Either a JWKS endpoint (a province's identity platform) or a local public key file. */
  jwksUrl?: string;
  publicKeyFile?: string;
}

export class InvalidTokenError extends Error {}

const ALGORITHMS = ['ES256'];

/** Verifies ES256 access tokens and turns their claims into a Principal. */
export class TokenVerifier {
  private constructor(
    private readonly key: JWTVerifyGetKey | CryptoKey | KeyObject | Uint8Array,
    private readonly options: TokenVerifierOptions,
  ) {}

  static async create(options: TokenVerifierOptions): Promise<TokenVerifier> {
    if (options.jwksUrl) {
      return new TokenVerifier(createRemoteJWKSet(new URL(options.jwksUrl)), options);
    }
    if (!options.publicKeyFile) throw new Error('Set AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE');
    const text = (await readFile(options.publicKeyFile, 'utf8')).trim();
    const key = text.startsWith('{')
      ? await importJWK(JSON.parse(text), 'ES256')
      : await importSPKI(text, 'ES256');
    return new TokenVerifier(key, options);
  }

  async verify(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, this.key as Parameters<typeof jwtVerify>[1], {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
      });
      payload = verified.payload;
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
    return principalFromClaims(payload);
  }
}

function principalFromClaims(claims: Record<string, unknown>): Principal {
  const roles = claims['roles'];
  const division = claims['division'];
  if (typeof claims.sub !== 'string' || !claims.sub) throw new InvalidTokenError('missing sub');
  if (!Array.isArray(roles) || !roles.every((r): r is Role => ROLES.includes(r as Role))) {
    throw new InvalidTokenError('invalid roles claim');
  }
  if (typeof division !== 'string' || !/^\d{6}$/.test(division)) {
    throw new InvalidTokenError('invalid division claim');
  }
  const organ = claims['organ'];
  return {
    userId: claims.sub,
    roles,
    divisionCode: division,
    organId: typeof organ === 'string' ? organ : null,
  };
}
