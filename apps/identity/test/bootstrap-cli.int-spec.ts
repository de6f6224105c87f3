import { randomBytes } from 'node:crypto';
import { backingServices } from '@minsheng/testing';
import { runIdentityCli } from '../src/cli/identity-cli.js';
import { IdentityTestKit, totpFromUri } from './support/identity-test-kit.js';

const PASSWORD = 'Bootstrap-Secret-2026';

describe('identity: the bootstrap CLI', () => {
  let kit: IdentityTestKit;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
  });

  afterAll(async () => {
    await kit?.stop();
  });

  async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
    let stdout = '';
    let stderr = '';
    const exitCode = await runIdentityCli(
      argv,
      {
        DATABASE_URL: backingServices().databaseUrl,
        DB_SCHEMA: kit.service.schema.name,
        FIELD_ENCRYPTION_KEYS: kit.env.FIELD_ENCRYPTION_KEYS,
        FIELD_ENCRYPTION_ACTIVE_KEY: kit.env.FIELD_ENCRYPTION_ACTIVE_KEY,
        IDENTITY_BOOTSTRAP_PASSWORD: PASSWORD,
        ...env,
      },
      { out: (text) => (stdout += text), err: (text) => (stderr += text) },
    );
    return { exitCode, stdout, stderr };
  }

  const newUsername = () => `sec-admin-${randomBytes(3).toString('hex')}`;
  const exists = async (username: string) =>
    (await kit.service.schema.count('staff_account', 'username = $1', [username])) === 1;

  it('creates the first security administrator and prints the TOTP URI, never the password', async () => {
    const username = newUsername();
    const result = await cli([
      'create-account',
      '--username',
      username,
      '--role',
      'security-admin',
      '--division',
      '510000',
      '--display-name',
      '安全管理员',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const uri = /otpauth:\/\/totp\/\S+/.exec(result.stdout)?.[0];
    expect(uri).toBeDefined();
    expect(result.stdout).not.toContain(PASSWORD);

    const totp = totpFromUri(uri!);
    const login = await kit.request('POST', '/api/v1/auth/login', {
      body: { username, password: PASSWORD, totpCode: totp.generate() },
    });
    expect(login.statusCode).toBe(200);
    const created = await kit.request('POST', '/api/v1/accounts', {
      token: login.json().accessToken,
      body: {
        username: newUsername(),
        displayName: '登记员',
        password: 'Clerk-Password-2026',
        roles: ['clerk'],
        divisionCode: '510104',
      },
    });
    expect(created.statusCode).toBe(201);
  });

  it('refuses a password on the command line', async () => {
    const username = newUsername();
    const result = await cli([
      'create-account',
      '--username',
      username,
      '--role',
      'security-admin',
      '--division',
      '510000',
      '--password',
      PASSWORD,
    ]);
    expect(result.exitCode).toBe(64);
    expect(await exists(username)).toBe(false);
  });

  it('refuses to run without IDENTITY_BOOTSTRAP_PASSWORD', async () => {
    const username = newUsername();
    const result = await cli(
      [
        'create-account',
        '--username',
        username,
        '--role',
        'security-admin',
        '--division',
        '510000',
      ],
      { IDENTITY_BOOTSTRAP_PASSWORD: undefined },
    );
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toContain('IDENTITY_BOOTSTRAP_PASSWORD');
    expect(await exists(username)).toBe(false);
  });

  it('applies the same rules as the API: separation of duties and the password policy', async () => {
    const conflicting = await cli([
      'create-account',
      '--username',
      newUsername(),
      '--role',
      'security-admin',
      '--role',
      'audit-admin',
      '--division',
      '510000',
    ]);
    expect(conflicting.exitCode).toBe(1);
    expect(conflicting.stderr).toContain('ROLE_CONFLICT');

    const weak = await cli(
      ['create-account', '--username', newUsername(), '--role', 'clerk', '--division', '510104'],
      { IDENTITY_BOOTSTRAP_PASSWORD: 'short' },
    );
    expect(weak.exitCode).toBe(1);
    expect(weak.stderr).toContain('WEAK_PASSWORD');
    expect(weak.stderr).not.toContain('short\n');
  });
});
