import { readFile } from 'node:fs/promises';
import {
  calculateJwkThumbprint,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  importSPKI,
} from 'jose';
import { TokenVerifier } from '@minsheng/auth';
import { TEST_AUDIENCE, TEST_ISSUER } from '@minsheng/testing';
import { IdentityTestKit } from './support/identity-test-kit.js';

describe('identity: signing keys, discovery and access tokens', () => {
  let kit: IdentityTestKit;
  let baseUrl: string;

  beforeAll(async () => {
    kit = await IdentityTestKit.start({ IDENTITY_PUBLIC_URL: 'https://identity.example.gov.cn/' });
    baseUrl = await kit.service.app.getUrl();
  });

  afterAll(async () => {
    await kit?.stop();
  });

  async function configuredPublicJwk() {
    const pem = await readFile(kit.env.AUTH_PUBLIC_KEY_FILE, 'utf8');
    const { kty, crv, x, y } = await exportJWK(
      await importSPKI(pem, 'ES256', { extractable: true }),
    );
    return { kty, crv, x, y };
  }

  it('publishes the configured key in the JWKS, with its RFC 7638 thumbprint as kid and no private part', async () => {
    const response = await kit.request('GET', '/.well-known/jwks.json');
    expect(response.statusCode).toBe(200);
    const expected = await configuredPublicJwk();
    expect(response.json()).toEqual({
      keys: [
        {
          ...expected,
          kid: await calculateJwkThumbprint(expected, 'sha256'),
          alg: 'ES256',
          use: 'sig',
        },
      ],
    });
  });

  it('serves OpenID discovery with the issuer and a JWKS URI under the public URL', async () => {
    const response = await kit.request('GET', '/.well-known/openid-configuration');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      issuer: TEST_ISSUER,
      jwks_uri: 'https://identity.example.gov.cn/.well-known/jwks.json',
      id_token_signing_alg_values_supported: ['ES256'],
    });
  });

  it('issues ES256 access tokens with exactly the verifier’s claims plus sid, kid in the header, for 5 minutes', async () => {
    const staff = await kit.createStaff({ roles: ['clerk', 'handler'], divisionCode: '510104' });
    const tokens = await kit.loggedIn(staff);
    const header = decodeProtectedHeader(tokens.accessToken);
    const claims = decodeJwt(tokens.accessToken);
    const { keys } = (await kit.request('GET', '/.well-known/jwks.json')).json();
    expect(header).toEqual({ alg: 'ES256', typ: 'JWT', kid: keys[0].kid });
    expect(Object.keys(claims).sort()).toEqual(
      ['aud', 'division', 'exp', 'iat', 'iss', 'roles', 'sid', 'sub'].sort(),
    );
    expect(claims).toMatchObject({
      sub: staff.id,
      roles: ['clerk', 'handler'],
      division: '510104',
      sid: tokens.sessionId,
      iss: TEST_ISSUER,
      aud: TEST_AUDIENCE,
    });
    expect(tokens.expiresIn).toBe(300);
    expect(claims.exp! - claims.iat!).toBe(300);
  });

  it('issues tokens that TokenVerifier accepts through the running service’s JWKS URL', async () => {
    const staff = await kit.createStaff({
      roles: ['supervisor'],
      divisionCode: '510100',
      organId: 'organ-chengdu-petition-bureau',
    });
    const tokens = await kit.loggedIn(staff);
    const verifier = await TokenVerifier.create({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      jwksUrl: `${baseUrl}/.well-known/jwks.json`,
    });
    await expect(verifier.verify(tokens.accessToken)).resolves.toEqual({
      userId: staff.id,
      roles: ['supervisor'],
      divisionCode: '510100',
      organId: 'organ-chengdu-petition-bureau',
    });
    expect(decodeJwt(tokens.accessToken).organ).toBe('organ-chengdu-petition-bureau');
  });

  it('issues tokens that other services’ verifiers refuse once tampered with', async () => {
    const staff = await kit.createStaff();
    const tokens = await kit.loggedIn(staff);
    const verifier = await TokenVerifier.create({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      jwksUrl: `${baseUrl}/.well-known/jwks.json`,
    });
    const [header, payload, signature] = tokens.accessToken.split('.');
    const elevated = Buffer.from(
      JSON.stringify({ ...decodeJwt(tokens.accessToken), roles: ['leader'] }),
    ).toString('base64url');
    expect(payload).not.toBe(elevated);
    await expect(verifier.verify(`${header}.${elevated}.${signature}`)).rejects.toThrow();
  });
});
