import type { Role } from '@minsheng/contracts';
import { IdentityTestKit, STAFF_PASSWORD } from './support/identity-test-kit.js';

/** 三员分立: the system, security and audit administrators cannot do each other's work. */
describe('identity: separation of the three administrators', () => {
  let kit: IdentityTestKit;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
  });

  afterAll(async () => {
    await kit?.stop();
  });

  const asRole = async (role: Role) => kit.token(role, '510000');
  const createAccount = async (role: Role, roles: Role[] = ['clerk']) =>
    kit.request('POST', '/api/v1/accounts', {
      token: await asRole(role),
      body: {
        username: `sep-${Math.random().toString(36).slice(2, 10)}`,
        displayName: '分立测试',
        password: STAFF_PASSWORD,
        roles,
        divisionCode: '510104',
      },
    });
  const readAudit = async (role: Role) =>
    kit.request('GET', '/api/v1/audit-records', { token: await asRole(role) });

  it('lets only the security administrator administer accounts', async () => {
    expect((await createAccount('security-admin')).statusCode).toBe(201);
    expect((await createAccount('system-admin')).statusCode).toBe(403);
    expect((await createAccount('audit-admin')).statusCode).toBe(403);
  });

  it('lets only the audit administrator read the audit trail', async () => {
    expect((await readAudit('audit-admin')).statusCode).toBe(200);
    expect((await readAudit('security-admin')).statusCode).toBe(403);
    expect((await readAudit('system-admin')).statusCode).toBe(403);
  });

  it('never gives one account two administrator roles, or one with a business role', async () => {
    for (const roles of [
      ['security-admin', 'audit-admin'],
      ['system-admin', 'security-admin'],
      ['audit-admin', 'clerk'],
    ] as Role[][]) {
      const response = await createAccount('security-admin', roles);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('ROLE_CONFLICT');
    }
  });

  it('does not let an administrator change their own account', async () => {
    const created = (await createAccount('security-admin', ['security-admin'])).json();
    const ownToken = await kit.token('security-admin', '510000', created.account.id);
    const response = await kit.request('PATCH', `/api/v1/accounts/${created.account.id}`, {
      token: ownToken,
      body: { roles: ['security-admin'] },
    });
    expect(response.statusCode).toBe(403);
  });
});
