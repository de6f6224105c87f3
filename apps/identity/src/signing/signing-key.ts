import { readFile } from 'node:fs/promises';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type CryptoKey,
} from 'jose';

export type PublicSigningJwk = {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
};

/** The ES256 key that signs access tokens, with its public JWK (`kid` = RFC 7638 thumbprint). */
export class SigningKey {
  private constructor(
    readonly privateKey: CryptoKey,
    readonly publicKey: CryptoKey,
    readonly publicJwk: PublicSigningJwk,
  ) {}

  get kid(): string {
    return this.publicJwk.kid;
  }

  static async fromFile(file: string): Promise<SigningKey> {
    const pem = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new Error(`IDENTITY_SIGNING_KEY_FILE: cannot read ${file} (${error.code})`);
    });
    return SigningKey.fromPkcs8(pem);
  }

  static async fromPkcs8(pem: string): Promise<SigningKey> {
    let privateKey: CryptoKey;
    try {
      privateKey = await importPKCS8(pem.trim(), 'ES256', { extractable: true });
    } catch {
      throw new Error('IDENTITY_SIGNING_KEY_FILE: not a PKCS#8 PEM ES256 (P-256) private key');
    }
    return SigningKey.fromPrivateKey(privateKey);
  }

  /** A fresh key that lives as long as the process: only for tests (see assertProductionSecrets). */
  static async throwaway(): Promise<SigningKey> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    return SigningKey.fromPrivateKey(privateKey);
  }

  private static async fromPrivateKey(privateKey: CryptoKey): Promise<SigningKey> {
    const { kty, crv, x, y } = await exportJWK(privateKey);
    if (kty !== 'EC' || crv !== 'P-256' || !x || !y) {
      throw new Error('IDENTITY_SIGNING_KEY_FILE: not a P-256 key');
    }
    const kid = await calculateJwkThumbprint({ kty, crv, x, y }, 'sha256');
    const publicJwk: PublicSigningJwk = {
      kty: 'EC',
      crv: 'P-256',
      x,
      y,
      kid,
      alg: 'ES256',
      use: 'sig',
    };
    const publicKey = (await importJWK(publicJwk, 'ES256')) as CryptoKey;
    return new SigningKey(privateKey, publicKey, publicJwk);
  }
}
