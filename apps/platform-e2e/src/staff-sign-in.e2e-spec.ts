import { spawn } from 'node:child_process';
import { URI, type TOTP } from 'otpauth';
import { Platform } from './platform.js';

const PASSWORD = 'Quiet-River-2026!';

/** The operator's bootstrap command, as the README tells an administrator to run it. */
function createAccount(
  platform: Platform,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['apps/identity/dist/cli.js', 'create-account', ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          ...platform.envOf('identity'),
          IDENTITY_BOOTSTRAP_PASSWORD: PASSWORD,
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('staff sign-in across services', () => {
  const platform = new Platform();

  beforeAll(() => platform.start(['identity', 'petition']), 120_000);
  afterAll(() => platform.stop(), 60_000);

  it('signs a clerk in at identity with password and TOTP, and petition honours the token through the JWKS', async () => {
    const created = await createAccount(platform, [
      '--username',
      'clerk-jinjiang',
      '--role',
      'clerk',
      '--division',
      '510104',
    ]);
    expect(created.code).toBe(0);
    expect(created.output).not.toContain(PASSWORD);
    const totp = URI.parse(/otpauth:\/\/\S+/.exec(created.output)![0]) as TOTP;

    const login = await fetch(`${platform.process('identity').baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'clerk-jinjiang',
        password: PASSWORD,
        totpCode: totp.generate(),
      }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };

    const petition = platform.process('petition').baseUrl;
    const unknownCase = await fetch(`${petition}/api/v1/cases/510104-2026-999999`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    // 404, not 401: the token was verified against identity's published keys.
    expect(unknownCase.status).toBe(404);
    const forged = await fetch(`${petition}/api/v1/cases/510104-2026-999999`, {
      headers: { authorization: `Bearer ${accessToken.slice(0, -4)}AAAA` },
    });
    expect(forged.status).toBe(401);
  });
});
