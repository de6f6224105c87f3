import { IdentityTestKit, STAFF_PASSWORD } from './support/identity-test-kit.js';

interface AuditRow {
  action: string;
  outcome: string;
  actor_id: string;
  ip: string | null;
  details: Record<string, unknown>;
}

describe('identity: the audit trail of logins and administration', () => {
  let kit: IdentityTestKit;

  beforeAll(async () => {
    kit = await IdentityTestKit.start({ LOGIN_MAX_FAILURES: '2' });
  });

  afterAll(async () => {
    await kit?.stop();
  });

  const records = (where: string, params: unknown[]) =>
    kit.service.schema.query<AuditRow>(
      `SELECT action, outcome, actor_id, ip, details FROM audit_record WHERE ${where} ORDER BY seq`,
      params,
    );

  it('records a successful login, failed logins with their reason, and the lockout', async () => {
    const staff = await kit.createStaff();
    await kit.login(staff, { ip: '10.1.1.1' });
    await kit.login(staff, { password: 'Wrong-Password-99', ip: '10.1.1.2' });
    await kit.login(staff, { totpCode: '000000', ip: '10.1.1.3' });
    await kit.login(staff, { ip: '10.1.1.4' });

    const logins = await records(`action = 'auth.login' AND details->>'username' = $1`, [
      staff.username,
    ]);
    expect(logins.map((r) => [r.outcome, r.ip, r.details.reason ?? null])).toEqual([
      ['success', '10.1.1.1', null],
      ['failure', '10.1.1.2', 'wrong-password'],
      ['failure', '10.1.1.3', 'wrong-totp'],
      ['denied', '10.1.1.4', 'locked'],
    ]);
    expect(logins[0].actor_id).toBe(staff.id);
    const text = JSON.stringify(logins);
    expect(text).not.toContain(STAFF_PASSWORD);
    expect(text).not.toContain('Wrong-Password-99');
  });

  it('attributes account administration to the administrator, with before and after', async () => {
    const staff = await kit.createStaff({ roles: ['clerk'] });
    const adminToken = await kit.token(
      'security-admin',
      '510000',
      '7f1c0a52-0000-4000-8000-000000000001',
    );
    const response = await kit.request('PATCH', `/api/v1/accounts/${staff.id}`, {
      token: adminToken,
      body: { roles: ['handler'] },
    });
    expect(response.statusCode).toBe(200);
    const [created] = await records(`action = 'account.created' AND target_id = $1`, [staff.id]);
    expect(created.actor_id).toBe('bootstrap-cli');
    const [updated] = await records(`action = 'account.updated' AND target_id = $1`, [staff.id]);
    expect(updated).toMatchObject({
      actor_id: '7f1c0a52-0000-4000-8000-000000000001',
      outcome: 'success',
      details: { before: { roles: ['clerk'] }, after: { roles: ['handler'] } },
    });
  });
});
