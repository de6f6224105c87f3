import { randomBytes } from 'node:crypto';
import { IdentityTestKit, STAFF_PASSWORD, randomIp } from './support/identity-test-kit.js';

const INVALID = { code: 'INVALID_CREDENTIALS', message: '用户名、密码或动态口令错误' };

describe('identity: two-factor login', () => {
  let kit: IdentityTestKit;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
  });

  afterAll(async () => {
    await kit?.stop();
  });

  it('signs staff in with password and the current TOTP code, and opens a session', async () => {
    const staff = await kit.createStaff();
    const response = await kit.login(staff, { ip: '10.20.30.40' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(new RegExp(`^${body.sessionId}\\.[\\w-]{43}$`)),
      expiresIn: 300,
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const [session] = await kit.service.schema.query<Record<string, unknown>>(
      'SELECT account_id, ip, user_agent, refresh_token_hash, revoked_at FROM staff_session WHERE id = $1',
      [body.sessionId],
    );
    expect(session).toMatchObject({
      account_id: staff.id,
      ip: '10.20.30.40',
      user_agent: 'identity-int-spec',
      revoked_at: null,
    });
    expect(session.refresh_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.refreshToken).not.toContain(session.refresh_token_hash as string);
  });

  it('accepts usernames in any case', async () => {
    const staff = await kit.createStaff();
    const response = await kit.request('POST', '/api/v1/auth/login', {
      body: {
        username: staff.username.toUpperCase(),
        password: staff.password,
        totpCode: kit.code(staff),
      },
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers a wrong password, a wrong TOTP code and an unknown user alike: 401 INVALID_CREDENTIALS', async () => {
    const staff = await kit.createStaff();
    const wrongPassword = await kit.login(staff, { password: 'Wrong-Password-99' });
    const wrongCode = await kit.login(staff, {
      totpCode: String((Number(kit.code(staff)) + 500_000) % 1_000_000).padStart(6, '0'),
    });
    const unknownUser = await kit.login({ ...staff, username: `nobody-${staff.username}` });
    for (const response of [wrongPassword, wrongCode, unknownUser]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject(INVALID);
    }
  });

  it('refuses a TOTP code that was already used, even with the right password', async () => {
    const staff = await kit.createStaff();
    const code = kit.code(staff);
    expect((await kit.login(staff, { totpCode: code })).statusCode).toBe(200);
    const replay = await kit.login(staff, { totpCode: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject(INVALID);
    // An earlier code than the last one accepted is a replay too.
    expect((await kit.login(staff, { totpCode: kit.code(staff, -1) })).statusCode).toBe(401);
    expect((await kit.login(staff, { totpCode: kit.code(staff, 1) })).statusCode).toBe(200);
  });

  it('refuses a disabled account with the same answer as wrong credentials', async () => {
    const staff = await kit.createStaff();
    await kit.service.schema.query(`UPDATE staff_account SET status = 'disabled' WHERE id = $1`, [
      staff.id,
    ]);
    const response = await kit.login(staff);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject(INVALID);
  });

  it('locks the account after five consecutive failures: 423 even with the right credentials', async () => {
    const staff = await kit.createStaff();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await kit.login(staff, { password: `Wrong-Password-${attempt}` });
      expect(response.statusCode).toBe(401);
    }
    const locked = await kit.login(staff);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(locked.json().message).toContain('15 分钟');
  });

  it('lets a burst of parallel guesses try no more than five times', async () => {
    const staff = await kit.createStaff();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => kit.login(staff, { password: `Wrong-Guess-${i}` })),
    );
    const statuses = burst.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 423)).toHaveLength(7);
    expect((await kit.login(staff)).statusCode).toBe(423);
  });

  it('locks only the account under attack', async () => {
    const attacked = await kit.createStaff();
    const bystander = await kit.createStaff();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await kit.login(attacked, { password: `Wrong-Password-${attempt}` });
    }
    expect((await kit.login(attacked)).statusCode).toBe(423);
    expect((await kit.login(bystander)).statusCode).toBe(200);
  });

  it('locks unknown usernames the same way, so a lock does not reveal whether an account exists', async () => {
    const ghost = {
      ...(await kit.createStaff()),
      username: `ghost-${randomBytes(4).toString('hex')}`,
    };
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await kit.login(ghost)).statusCode).toBe(401);
    }
    expect((await kit.login(ghost)).statusCode).toBe(423);
  });

  it('counts only consecutive failures: a successful login starts the count again', async () => {
    const staff = await kit.createStaff();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await kit.login(staff, { password: `Wrong-Password-${attempt}` });
    }
    expect((await kit.login(staff, { totpCode: kit.code(staff, -1) })).statusCode).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await kit.login(staff, { password: `Wrong-Password-${attempt}` })).statusCode).toBe(
        401,
      );
    }
    expect((await kit.login(staff, { totpCode: kit.code(staff) })).statusCode).toBe(200);
  });

  it('throttles a client address after 20 attempts a minute: 429 TOO_MANY_REQUESTS', async () => {
    const ip = randomIp();
    const staff = await kit.createStaff();
    for (let attempt = 1; attempt <= 20; attempt++) {
      const unknown = { ...staff, username: `probe-${attempt}-${staff.username}` };
      expect((await kit.login(unknown, { ip })).statusCode).toBe(401);
    }
    const throttled = await kit.login(staff, { ip });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((await kit.login(staff, { ip: randomIp() })).statusCode).toBe(200);
  });

  it('stores an argon2id hash with the configured cost and the TOTP secret only encrypted', async () => {
    const staff = await kit.createStaff();
    const [row] = await kit.service.schema.query<{
      password_hash: string;
      totp_secret_encrypted: string;
    }>('SELECT password_hash, totp_secret_encrypted FROM staff_account WHERE id = $1', [staff.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(STAFF_PASSWORD);
    expect(row.totp_secret_encrypted).toMatch(/^v1\.k1\./);
    expect(row.totp_secret_encrypted).not.toContain(staff.totp.secret.base32);
  });

  it('refuses a malformed body with 400 before checking anything', async () => {
    const response = await kit.request('POST', '/api/v1/auth/login', {
      body: { username: 'someone', password: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
