import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import { signAccessToken } from './token-issuer.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';

const issuer = 'minsheng-test';
const audience = 'minsheng';

async function setup() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const dir = await mkdtemp(join(tmpdir(), 'auth-'));
  const publicKeyFile = join(dir, 'public.pem');
  await writeFile(publicKeyFile, await exportSPKI(publicKey));
  const verifier = await TokenVerifier.create({ issuer, audience, publicKeyFile });
  return { privateKey, verifier };
}

describe('TokenVerifier', () => {
  it('turns a valid token into a principal with roles and jurisdiction', async () => {
    const { privateKey, verifier } = await setup();
    const token = await signAccessToken(
      privateKey,
      { userId: 'u1', roles: ['clerk'], divisionCode: '510104', organId: 'org-1' },
      { issuer, audience },
    );
    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'u1',
      roles: ['clerk'],
      divisionCode: '510104',
      organId: 'org-1',
    });
  });

  it('rejects a token signed by another key', async () => {
    const { verifier } = await setup();
    const other = await generateKeyPair('ES256');
    const token = await signAccessToken(
      other.privateKey,
      { userId: 'u1', roles: ['clerk'], divisionCode: '510104' },
      { issuer, audience },
    );
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an expired token and one for another audience', async () => {
    const { privateKey, verifier } = await setup();
    const claims = { userId: 'u1', roles: ['clerk' as const], divisionCode: '510104' };
    const expired = await signAccessToken(privateKey, claims, {
      issuer,
      audience,
      expiresIn: '-1s',
    });
    const foreign = await signAccessToken(privateKey, claims, { issuer, audience: 'elsewhere' });
    await expect(verifier.verify(expired)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifier.verify(foreign)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects unknown roles and malformed divisions', async () => {
    const { privateKey, verifier } = await setup();
    const badRole = await signAccessToken(
      privateKey,
      { userId: 'u1', roles: ['root' as never], divisionCode: '510104' },
      { issuer, audience },
    );
    const badDivision = await signAccessToken(
      privateKey,
      { userId: 'u1', roles: ['clerk'], divisionCode: 'x' },
      { issuer, audience },
    );
    await expect(verifier.verify(badRole)).rejects.toThrow('invalid roles claim');
    await expect(verifier.verify(badDivision)).rejects.toThrow('invalid division claim');
  });
});
