import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { IdentityTestKit } from './support/identity-test-kit.js';

describe('identity: sessions, refresh and logout', () => {
  let kit: IdentityTestKit;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
  });

  afterAll(async () => {
    await kit?.stop();
  });

  it('rotates the refresh token and issues a new access token for the same session', async () => {
    const staff = await kit.createStaff();
    const login = await kit.loggedIn(staff);
    const response = await kit.refresh(login.refreshToken);
    expect(response.statusCode).toBe(200);
    const refreshed = response.json();
    expect(refreshed.sessionId).toBe(login.sessionId);
    expect(refreshed.refreshToken).not.toBe(login.refreshToken);
    expect(refreshed.expiresIn).toBe(300);
    expect(decodeJwt(refreshed.accessToken)).toMatchObject({ sub: staff.id, sid: login.sessionId });
    expect((await kit.refresh(refreshed.refreshToken)).statusCode).toBe(200);
  });

  it('treats a rotated refresh token presented again as theft: the whole session is revoked', async () => {
    const staff = await kit.createStaff();
    const login = await kit.loggedIn(staff);
    const rotated = (await kit.refresh(login.refreshToken)).json();
    const reuse = await kit.refresh(login.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ code: 'SESSION_REVOKED' });
    // The legitimate holder's newer token no longer works either.
    const afterwards = await kit.refresh(rotated.refreshToken);
    expect(afterwards.statusCode).toBe(401);
    expect(afterwards.json()).toMatchObject({ code: 'SESSION_REVOKED' });
    const [session] = await kit.service.schema.query<{ revoked_reason: string }>(
      'SELECT revoked_reason FROM staff_session WHERE id = $1',
      [login.sessionId],
    );
    expect(session.revoked_reason).toBe('refresh-token-reuse');
  });

  it('answers 401 INVALID_REFRESH_TOKEN to a token that belongs to no session', async () => {
    const unknown = await kit.refresh(`${randomUUID()}.${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    expect((await kit.refresh('not-a-token')).json()).toMatchObject({
      code: 'INVALID_REFRESH_TOKEN',
    });
  });

  it('logs out: the session is revoked and its refresh token fails with SESSION_REVOKED', async () => {
    const staff = await kit.createStaff();
    const login = await kit.loggedIn(staff);
    const logout = await kit.request('POST', '/api/v1/auth/logout', { token: login.accessToken });
    expect(logout.statusCode).toBe(204);
    const refresh = await kit.refresh(login.refreshToken);
    expect(refresh.statusCode).toBe(401);
    expect(refresh.json()).toMatchObject({ code: 'SESSION_REVOKED' });
  });

  it('answers 401 to logout without a token, or with a token that names no session of this issuer', async () => {
    expect((await kit.request('POST', '/api/v1/auth/logout')).statusCode).toBe(401);
    const sessionless = await kit.token('clerk', '510104');
    const response = await kit.request('POST', '/api/v1/auth/logout', { token: sessionless });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lists the caller’s own open sessions, marking the current one, without secrets', async () => {
    const staff = await kit.createStaff();
    const first = await kit.loggedIn(staff, -1);
    const second = await kit.loggedIn(staff, 0);
    const ended = await kit.loggedIn(staff, 1);
    await kit.request('POST', '/api/v1/auth/logout', { token: ended.accessToken });
    const other = await kit.createStaff();
    await kit.loggedIn(other);

    const response = await kit.request('GET', '/api/v1/auth/sessions', {
      token: second.accessToken,
    });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ id: string; current: boolean }>;
    expect(items.map((s) => s.id).sort()).toEqual([first.sessionId, second.sessionId].sort());
    expect(items.find((s) => s.current)?.id).toBe(second.sessionId);
    expect(response.body).not.toMatch(/refresh/i);
  });

  it('revokes one of the caller’s other sessions, whose refresh then fails', async () => {
    const staff = await kit.createStaff();
    const laptop = await kit.loggedIn(staff, -1);
    const phone = await kit.loggedIn(staff, 0);
    const response = await kit.request('DELETE', `/api/v1/auth/sessions/${laptop.sessionId}`, {
      token: phone.accessToken,
    });
    expect(response.statusCode).toBe(204);
    expect((await kit.refresh(laptop.refreshToken)).json()).toMatchObject({
      code: 'SESSION_REVOKED',
    });
    expect((await kit.refresh(phone.refreshToken)).statusCode).toBe(200);
  });

  it('answers 404 when the session to revoke is someone else’s, and leaves it open', async () => {
    const me = await kit.createStaff();
    const someoneElse = await kit.createStaff();
    const mine = await kit.loggedIn(me);
    const theirs = await kit.loggedIn(someoneElse);
    const response = await kit.request('DELETE', `/api/v1/auth/sessions/${theirs.sessionId}`, {
      token: mine.accessToken,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await kit.refresh(theirs.refreshToken)).statusCode).toBe(200);
  });

  it('refuses session management with the access token of a session already logged out', async () => {
    const staff = await kit.createStaff();
    const login = await kit.loggedIn(staff);
    await kit.request('POST', '/api/v1/auth/logout', { token: login.accessToken });
    const response = await kit.request('GET', '/api/v1/auth/sessions', {
      token: login.accessToken,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'SESSION_REVOKED' });
  });

  it('ends every session of an account when an administrator revokes them', async () => {
    const staff = await kit.createStaff({ divisionCode: '510104' });
    const one = await kit.loggedIn(staff, -1);
    const two = await kit.loggedIn(staff, 0);
    const admin = await kit.token('security-admin', '510100');
    const response = await kit.request('DELETE', `/api/v1/accounts/${staff.id}/sessions`, {
      token: admin,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ revokedSessions: 2 });
    for (const session of [one, two]) {
      expect((await kit.refresh(session.refreshToken)).json()).toMatchObject({
        code: 'SESSION_REVOKED',
      });
    }
  });

  it('carries role changes into the next refreshed token, and ends sessions of a disabled account', async () => {
    const staff = await kit.createStaff({ roles: ['clerk'], divisionCode: '510104' });
    const login = await kit.loggedIn(staff);
    const admin = await kit.token('security-admin', '510000');
    await kit.request('PATCH', `/api/v1/accounts/${staff.id}`, {
      token: admin,
      body: { roles: ['handler'] },
    });
    const refreshed = (await kit.refresh(login.refreshToken)).json();
    expect(decodeJwt(refreshed.accessToken).roles).toEqual(['handler']);

    await kit.request('PATCH', `/api/v1/accounts/${staff.id}`, {
      token: admin,
      body: { status: 'disabled' },
    });
    expect((await kit.refresh(refreshed.refreshToken)).json()).toMatchObject({
      code: 'SESSION_REVOKED',
    });
  });
});
