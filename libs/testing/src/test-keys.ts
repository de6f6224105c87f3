import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import type { Role } from '@minsheng/contracts';
import { signAccessToken } from '@minsheng/auth';

export const TEST_ISSUER = 'minsheng-test';
export const TEST_AUDIENCE = 'minsheng';

/**
 * Throwaway instance secrets: an ES256 key pair (services verify with its public key file), field
 * encryption keys and a lookup-hash key.
 */
export class TestKeys {
  private readonly fieldKey = randomBytes(32).toString('base64');
  private readonly lookupKey = randomBytes(32).toString('base64');

  private constructor(
    private readonly privateKey: CryptoKey,
    readonly publicKeyFile: string,
    /** PKCS#8, for the identity service to sign with what the others verify. */
    readonly privateKeyFile: string,
  ) {}

  static async create(): Promise<TestKeys> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const dir = await mkdtemp(join(tmpdir(), 'minsheng-keys-'));
    const publicKeyFile = join(dir, 'auth-es256.public.pem');
    const privateKeyFile = join(dir, 'auth-es256.private.pem');
    await writeFile(publicKeyFile, await exportSPKI(publicKey));
    await writeFile(privateKeyFile, await exportPKCS8(privateKey), { mode: 0o600 });
    return new TestKeys(privateKey, publicKeyFile, privateKeyFile);
  }

  token(
    role: Role | Role[],
    divisionCode: string,
    userId = `user-${role}-${divisionCode}`,
  ): Promise<string> {
    return signAccessToken(
      this.privateKey,
      { userId, roles: Array.isArray(role) ? role : [role], divisionCode },
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
    );
  }

  /** The env a service needs: to verify these keys' tokens and to protect personal data. */
  env(): Record<string, string> {
    return {
      AUTH_PUBLIC_KEY_FILE: this.publicKeyFile,
      IDENTITY_SIGNING_KEY_FILE: this.privateKeyFile,
      AUTH_ISSUER: TEST_ISSUER,
      AUTH_AUDIENCE: TEST_AUDIENCE,
      FIELD_ENCRYPTION_KEYS: `test1:${this.fieldKey}`,
      FIELD_ENCRYPTION_ACTIVE_KEY: 'test1',
      LOOKUP_HASH_KEY: this.lookupKey,
    };
  }
}
