import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { TOTP, URI } from 'otpauth';
import type { Role, SessionTokensResponse } from '@minsheng/contracts';
import { signAccessToken } from '@minsheng/auth';
import { generateKeySecret } from '@minsheng/crypto';
import { InProcessService } from '@minsheng/service-harness';
import { TEST_AUDIENCE, TEST_ISSUER } from '@minsheng/testing';
import { CreateStaffAccountUseCase } from '../../src/account/create-staff-account.use-case.js';
import { entities, migrations } from '../../src/schema.js';
import { serviceDefinition } from '../../src/service-definition.js';

export const STAFF_PASSWORD = 'Tall-Maple-2026!';

export interface StaffFixture {
  id: string;
  username: string;
  password: string;
  roles: Role[];
  divisionCode: string;
  totp: TOTP;
}

interface RequestOptions {
  token?: string;
  body?: unknown;
  ip?: string;
}

/** A distinct client address per request, so the per-IP login budget never spills across tests. */
export const randomIp = () => `10.${randomBytes(3).join('.')}`;

/**
 * The identity service in process, signing with a PKCS#8 key generated into a temp dir; the
 * service's own guard verifies with the matching public key, so its tokens and `token()` both pass.
 */
export class IdentityTestKit {
  private constructor(
    readonly service: InProcessService,
    readonly env: Record<string, string>,
    private readonly privateKey: CryptoKey,
  ) {}

  static async start(settings: Record<string, string> = {}): Promise<IdentityTestKit> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const dir = await mkdtemp(join(tmpdir(), 'minsheng-identity-'));
    const privateKeyFile = join(dir, 'identity-es256.private.pem');
    const publicKeyFile = join(dir, 'identity-es256.public.pem');
    await writeFile(privateKeyFile, await exportPKCS8(privateKey), { mode: 0o600 });
    await writeFile(publicKeyFile, await exportSPKI(publicKey));
    const env = {
      IDENTITY_SIGNING_KEY_FILE: privateKeyFile,
      AUTH_PUBLIC_KEY_FILE: publicKeyFile,
      AUTH_ISSUER: TEST_ISSUER,
      AUTH_AUDIENCE: TEST_AUDIENCE,
      FIELD_ENCRYPTION_KEYS: `k1:${generateKeySecret()}`,
      FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
      LOOKUP_HASH_KEY: generateKeySecret(),
      ...settings,
    };
    const service = await InProcessService.start(serviceDefinition, { entities, migrations, env });
    return new IdentityTestKit(service, env, privateKey);
  }

  stop(): Promise<void> {
    return this.service.stop();
  }

  /** An access token as another administrator tool would hold it (signed by the same key). */
  token(role: Role | Role[], divisionCode: string, userId: string = randomUUID()): Promise<string> {
    return signAccessToken(
      this.privateKey,
      { userId, roles: Array.isArray(role) ? role : [role], divisionCode },
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
    );
  }

  /** A new account, made by the same use case the API and the CLI use. */
  async createStaff({
    roles = ['clerk'],
    divisionCode = '510104',
    organId,
  }: { roles?: Role[]; divisionCode?: string; organId?: string } = {}): Promise<StaffFixture> {
    const username = `staff-${randomBytes(4).toString('hex')}`;
    const created = await this.service.app.get(CreateStaffAccountUseCase).execute(
      {
        username,
        displayName: '测试人员',
        password: STAFF_PASSWORD,
        roles,
        divisionCode,
        organId,
      },
      'bootstrap',
    );
    return {
      id: created.account.id,
      username,
      password: STAFF_PASSWORD,
      roles,
      divisionCode,
      totp: totpFromUri(created.totpProvisioningUri),
    };
  }

  /** The TOTP code `steps` time steps from now (each step accepted once per account). */
  code(staff: StaffFixture, steps = 0): string {
    return staff.totp.generate({ timestamp: Date.now() + steps * staff.totp.period * 1000 });
  }

  login(
    staff: StaffFixture,
    { password = staff.password, totpCode = this.code(staff), ip = randomIp() } = {},
  ) {
    return this.request('POST', '/api/v1/auth/login', {
      body: { username: staff.username, password, totpCode },
      ip,
    });
  }

  async loggedIn(staff: StaffFixture, steps = 0): Promise<SessionTokensResponse> {
    const response = await this.login(staff, { totpCode: this.code(staff, steps) });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
    return response.json();
  }

  refresh(refreshToken: string) {
    return this.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
  }

  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    { token, body, ip = randomIp() }: RequestOptions = {},
  ) {
    return this.service.http.inject({
      method,
      url,
      headers: {
        'x-forwarded-for': ip,
        'user-agent': 'identity-int-spec',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  }
}

export function totpFromUri(uri: string): TOTP {
  const otp = URI.parse(uri);
  if (!(otp instanceof TOTP)) throw new Error('not a TOTP URI');
  return otp;
}
