import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@minsheng/contracts';
import { IdentityTestKit, totpFromUri } from './support/identity-test-kit.js';

const newUsername = () => `user-${randomBytes(4).toString('hex')}`;

function accountBody(overrides: Record<string, unknown> = {}) {
  return {
    username: newUsername(),
    displayName: '王芳',
    password: 'Quiet-River-2026',
    roles: ['clerk'],
    divisionCode: '510104',
    ...overrides,
  };
}

describe('identity: account administration by the security administrator', () => {
  let kit: IdentityTestKit;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    adminId = randomUUID();
    admin = await kit.token('security-admin', '510100', adminId);
  });

  afterAll(async () => {
    await kit?.stop();
  });

  const create = (body: Record<string, unknown>, token = admin) =>
    kit.request('POST', '/api/v1/accounts', { token, body });

  it('creates an account and returns its TOTP provisioning URI once, never a secret or hash', async () => {
    const body = accountBody({ username: `  Wang.Fang-${randomBytes(2).toString('hex')} ` });
    const response = await create(body);
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created.account).toEqual({
      id: expect.any(String),
      username: (body.username as string).trim().toLowerCase(),
      displayName: '王芳',
      roles: ['clerk'],
      divisionCode: '510104',
      organId: null,
      status: 'active',
      passwordChangedAt: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(created.totpProvisioningUri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    expect(response.body).not.toMatch(/argon2|password_?hash|Quiet-River/i);

    const fetched = await kit.request('GET', `/api/v1/accounts/${created.account.id}`, {
      token: admin,
    });
    expect(fetched.json()).toEqual(created.account);
    expect(fetched.body).not.toContain('otpauth');
  });

  it('creates accounts whose holders can sign in with the password and the provisioned TOTP', async () => {
    const body = accountBody();
    const created = (await create(body)).json();
    const totp = totpFromUri(created.totpProvisioningUri);
    const login = await kit.request('POST', '/api/v1/auth/login', {
      body: { username: body.username, password: body.password, totpCode: totp.generate() },
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses role combinations that break the separation of duties: 400 ROLE_CONFLICT', async () => {
    const conflicts: Role[][] = [
      ['system-admin', 'security-admin'],
      ['security-admin', 'audit-admin'],
      ['audit-admin', 'clerk'],
      ['system-admin', 'leader'],
    ];
    for (const roles of conflicts) {
      const response = await create(accountBody({ roles }));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'ROLE_CONFLICT' });
    }
    const staff = await kit.createStaff({ roles: ['clerk'], divisionCode: '510104' });
    const patch = await kit.request('PATCH', `/api/v1/accounts/${staff.id}`, {
      token: admin,
      body: { roles: ['clerk', 'security-admin'] },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json()).toMatchObject({ code: 'ROLE_CONFLICT' });
  });

  it('refuses a password against the policy: 400 WEAK_PASSWORD, naming each problem', async () => {
    // Letters and '-' only: two character classes, and the username inside.
    const letters = randomBytes(4)
      .toString('hex')
      .replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)]);
    const username = `weak-${letters}`;
    const response = await create(accountBody({ username, password: `${username}xyz` }));
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('WEAK_PASSWORD');
    expect(body.fields.map((f: { message: string }) => f.message)).toEqual([
      '密码需包含小写字母、大写字母、数字、符号中的至少 3 类',
      '密码不能包含用户名',
    ]);
    expect(await kit.service.schema.count('staff_account', 'username = $1', [username])).toBe(0);
  });

  it('refuses a second account with the same username: 409 USERNAME_TAKEN', async () => {
    const body = accountBody();
    expect((await create(body)).statusCode).toBe(201);
    const again = await create({ ...body, username: (body.username as string).toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'USERNAME_TAKEN' });
  });

  it('refuses to create an account outside the administrator’s jurisdiction', async () => {
    const response = await create(accountBody({ divisionCode: '510500' }));
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists only accounts in the administrator’s jurisdiction, a page at a time', async () => {
    const inCity = await kit.createStaff({ divisionCode: '510104' });
    const elsewhere = await kit.createStaff({ divisionCode: '510500' });
    const all: string[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = await kit.request('GET', `/api/v1/accounts?limit=2&offset=${offset}`, {
        token: admin,
      });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      all.push(...body.items.map((a: { id: string }) => a.id));
      if (offset + 2 >= body.total) break;
    }
    expect(all).toContain(inCity.id);
    expect(all).not.toContain(elsewhere.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('answers 404 for accounts outside the jurisdiction, on every route', async () => {
    const elsewhere = await kit.createStaff({ divisionCode: '510500' });
    const routes = [
      kit.request('GET', `/api/v1/accounts/${elsewhere.id}`, { token: admin }),
      kit.request('PATCH', `/api/v1/accounts/${elsewhere.id}`, {
        token: admin,
        body: { displayName: '改名' },
      }),
      kit.request('POST', `/api/v1/accounts/${elsewhere.id}/reset-totp`, { token: admin }),
      kit.request('DELETE', `/api/v1/accounts/${elsewhere.id}/sessions`, { token: admin }),
      kit.request('GET', `/api/v1/accounts/${randomUUID()}`, { token: admin }),
      kit.request('GET', '/api/v1/accounts/not-a-uuid', { token: admin }),
    ];
    for (const response of await Promise.all(routes)) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    const [row] = await kit.service.schema.query<{ display_name: string }>(
      'SELECT display_name FROM staff_account WHERE id = $1',
      [elsewhere.id],
    );
    expect(row.display_name).toBe('测试人员');
  });

  it('changes roles, status and display name', async () => {
    const staff = await kit.createStaff({ roles: ['clerk'], divisionCode: '510104' });
    const response = await kit.request('PATCH', `/api/v1/accounts/${staff.id}`, {
      token: admin,
      body: { roles: ['handler', 'supervisor'], displayName: '李明', status: 'disabled' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: staff.id,
      roles: ['handler', 'supervisor'],
      displayName: '李明',
      status: 'disabled',
    });
    expect((await kit.login(staff)).statusCode).toBe(401);
  });

  it('resets the TOTP secret: the old authenticator stops working, the new URI works', async () => {
    const staff = await kit.createStaff();
    const response = await kit.request('POST', `/api/v1/accounts/${staff.id}/reset-totp`, {
      token: admin,
    });
    expect(response.statusCode).toBe(201);
    const fresh = totpFromUri(response.json().totpProvisioningUri);
    expect(fresh.secret.base32).not.toBe(staff.totp.secret.base32);
    expect((await kit.login(staff)).statusCode).toBe(401);
    expect((await kit.login({ ...staff, totp: fresh })).statusCode).toBe(200);
  });

  it('forbids administrators to change their own account: 403', async () => {
    const self = await kit.createStaff({ roles: ['security-admin'], divisionCode: '510100' });
    const token = await kit.token('security-admin', '510100', self.id);
    const routes = [
      kit.request('PATCH', `/api/v1/accounts/${self.id}`, {
        token,
        body: { roles: ['security-admin'], displayName: '自己' },
      }),
      kit.request('POST', `/api/v1/accounts/${self.id}/reset-totp`, { token }),
      kit.request('DELETE', `/api/v1/accounts/${self.id}/sessions`, { token }),
    ];
    for (const response of await Promise.all(routes)) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('forbids every account route to the system and audit administrators and to business roles', async () => {
    const staff = await kit.createStaff({ divisionCode: '510104' });
    for (const role of ['system-admin', 'audit-admin', 'leader'] as const) {
      const token = await kit.token(role, '510000');
      const routes = [
        kit.request('POST', '/api/v1/accounts', { token, body: accountBody() }),
        kit.request('GET', '/api/v1/accounts', { token }),
        kit.request('GET', `/api/v1/accounts/${staff.id}`, { token }),
        kit.request('PATCH', `/api/v1/accounts/${staff.id}`, {
          token,
          body: { displayName: '越权' },
        }),
        kit.request('POST', `/api/v1/accounts/${staff.id}/reset-totp`, { token }),
        kit.request('DELETE', `/api/v1/accounts/${staff.id}/sessions`, { token }),
      ];
      for (const response of await Promise.all(routes)) {
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    expect((await kit.request('GET', '/api/v1/accounts')).statusCode).toBe(401);
  });

  it('lets a security administrator who signed in with two factors create accounts', async () => {
    const securityAdmin = await kit.createStaff({
      roles: ['security-admin'],
      divisionCode: '510000',
    });
    const { accessToken } = await kit.loggedIn(securityAdmin);
    const response = await create(accountBody({ divisionCode: '510500' }), accessToken);
    expect(response.statusCode).toBe(201);
  });
});
