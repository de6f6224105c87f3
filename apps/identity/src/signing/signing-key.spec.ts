import { calculateJwkThumbprint, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { SigningKey } from './signing-key.js';

describe('the signing key', () => {
  it('publishes the public half of a PKCS#8 ES256 key with its RFC 7638 thumbprint as kid', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const key = await SigningKey.fromPkcs8(await exportPKCS8(privateKey));
    const { kty, crv, x, y } = key.publicJwk;
    expect(key.publicJwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x,
      y,
      kid: key.kid,
      alg: 'ES256',
      use: 'sig',
    });
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty, crv, x, y }, 'sha256'));
    expect(JSON.stringify(key.publicJwk)).not.toContain('"d"');
    expect(await exportSPKI(key.publicKey)).toBe(await exportSPKI(publicKey));
  });

  it('refuses a file that is not a PKCS#8 P-256 key', async () => {
    const rsa = await generateKeyPair('RS256', { extractable: true });
    await expect(SigningKey.fromPkcs8(await exportPKCS8(rsa.privateKey))).rejects.toThrow(
      /IDENTITY_SIGNING_KEY_FILE/,
    );
    await expect(SigningKey.fromPkcs8('not a key')).rejects.toThrow(/IDENTITY_SIGNING_KEY_FILE/);
  });
});
