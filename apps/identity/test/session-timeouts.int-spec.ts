import { IdentityTestKit } from './support/identity-test-kit.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('identity: session timeouts (idle 2 s, absolute 4 s)', () => {
  let kit: IdentityTestKit;

  beforeAll(async () => {
    kit = await IdentityTestKit.start({
      SESSION_IDLE_TIMEOUT_SECONDS: '2',
      SESSION_ABSOLUTE_TIMEOUT_SECONDS: '4',
      ACCESS_TOKEN_TTL_SECONDS: '60',
    });
  });

  afterAll(async () => {
    await kit?.stop();
  });

  it('expires a session left idle longer than the idle timeout: refresh answers SESSION_EXPIRED', async () => {
    const staff = await kit.createStaff();
    const login = await kit.loggedIn(staff);
    expect(login.expiresIn).toBe(60);
    await sleep(2_500);
    const response = await kit.refresh(login.refreshToken);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('keeps a session in use alive past the idle timeout, until its absolute lifetime ends', async () => {
    const staff = await kit.createStaff();
    let { refreshToken } = await kit.loggedIn(staff);
    for (let i = 0; i < 2; i++) {
      await sleep(1_300);
      const response = await kit.refresh(refreshToken);
      expect(response.statusCode).toBe(200);
      refreshToken = response.json().refreshToken;
    }
    await sleep(1_600); // 4.2 s after login, 1.6 s after the last refresh
    const response = await kit.refresh(refreshToken);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('no longer lists an idle session among the caller’s open sessions', async () => {
    const staff = await kit.createStaff();
    const idle = await kit.loggedIn(staff, -1);
    await sleep(2_200);
    const fresh = await kit.loggedIn(staff, 0);
    const response = await kit.request('GET', '/api/v1/auth/sessions', {
      token: fresh.accessToken,
    });
    const ids = (response.json().items as Array<{ id: string }>).map((s) => s.id);
    expect(ids).toEqual([fresh.sessionId]);
    expect(ids).not.toContain(idle.sessionId);
  });
});
