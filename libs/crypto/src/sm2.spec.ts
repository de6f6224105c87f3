import { generateSm2KeyPair, sm2Sign, sm2SignWithNonce, sm2Verify } from './sm2.js';

// GB/T 32918.5-2017 (= GM/T 0003.5-2012) Annex A.2: SM2 signature on the recommended curve,
// signer identity 1234567812345678, message "message digest", fixed nonce k.
const STANDARD = {
  privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' +
    '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  signature:
    'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3' +
    'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

// Produced here by OpenSSL 3.0.19's own SM2 (an implementation independent of sm-crypto):
//   openssl pkeyutl -sign -inkey k.pem -rawin -digest sm3 -pkeyopt distid:<id> -in msg
const OPENSSL = {
  publicKey:
    '04' +
    '2ff3ba0f64e7f5a0905c2334c7fc3e55c1de5d5e4102009c138e33655a0b0e5c' +
    '2a4220e1e4a6c33c6412af0da75d76632c7d4f5dddcf75df336868969d0503b7',
  message: 'petition 12345 受理',
  defaultIdSignature:
    '3045022024d138a4f9c2fcea36619292fe669b86dc00b412a467530e6f18f20f2b49d918' +
    '02210094dfdfcb1f033d2a634b331d13f76d3638e0cc63b093c3c253b617399ed67067',
  aliceIdSignature:
    '304402201f78ede285c4fc19ec7ff6b29cf9a5ab4963aebfbdedc20ffb993e29fef77a7b' +
    '02206c8c1ca37a114b543cc38ca4e3553744c259d243893a4414f515c402133ea360',
};

const flipHexDigit = (hex: string, index: number) =>
  hex.slice(0, index) + (hex[index] === '0' ? '1' : '0') + hex.slice(index + 1);

describe('SM2 signature against published and independent vectors', () => {
  it('verifies the GB/T 32918.5-2017 Annex A.2 signature', () => {
    expect(sm2Verify(STANDARD.message, STANDARD.signature, STANDARD.publicKey)).toBe(true);
  });

  it('accepts the Annex A.2 values in upper-case hex too', () => {
    expect(
      sm2Verify(
        STANDARD.message,
        STANDARD.signature.toUpperCase(),
        STANDARD.publicKey.toUpperCase(),
      ),
    ).toBe(true);
  });

  it('reproduces the Annex A.2 signature exactly from its private key and nonce', () => {
    expect(sm2SignWithNonce(STANDARD.message, STANDARD.privateKey, STANDARD.k)).toBe(
      STANDARD.signature,
    );
  });

  it('rejects the Annex A.2 signature under another identity or message', () => {
    const { message, signature, publicKey } = STANDARD;
    expect(sm2Verify(message, signature, publicKey, { userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    expect(sm2Verify('message digesT', signature, publicKey)).toBe(false);
  });

  it('verifies DER signatures made by OpenSSL with the default and a custom identity', () => {
    const { message, publicKey, defaultIdSignature, aliceIdSignature } = OPENSSL;
    expect(sm2Verify(message, defaultIdSignature, publicKey, { der: true })).toBe(true);
    expect(
      sm2Verify(message, aliceIdSignature, publicKey, { der: true, userId: 'ALICE123@YAHOO.COM' }),
    ).toBe(true);
    expect(sm2Verify(message, aliceIdSignature, publicKey, { der: true })).toBe(false);
  });
});

describe('sm2Sign / sm2Verify', () => {
  const keys = generateSm2KeyPair();

  it('generates distinct key pairs in the expected hex shapes', () => {
    const other = generateSm2KeyPair();
    expect(keys.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(other.privateKey).not.toBe(keys.privateKey);
  });

  it('round-trips raw r || s signatures of text and bytes', () => {
    const text = '信访事项受理告知书 No.2024-0001';
    const signature = sm2Sign(text, keys.privateKey);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(sm2Verify(text, signature, keys.publicKey)).toBe(true);
    expect(sm2Verify(Buffer.from(text, 'utf8'), signature, keys.publicKey)).toBe(true);

    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    expect(sm2Verify(bytes, sm2Sign(bytes, keys.privateKey), keys.publicKey)).toBe(true);
  });

  it('round-trips DER signatures', () => {
    const signature = sm2Sign('abc', keys.privateKey, { der: true });
    expect(signature.startsWith('30')).toBe(true);
    expect(sm2Verify('abc', signature, keys.publicKey, { der: true })).toBe(true);
    expect(sm2Verify('abc', signature, keys.publicKey)).toBe(false);
  });

  it('uses a fresh nonce for every signature', () => {
    expect(sm2Sign('abc', keys.privateKey)).not.toBe(sm2Sign('abc', keys.privateKey));
  });

  it('binds the signer identity', () => {
    const signature = sm2Sign('abc', keys.privateKey, { userId: 'clerk-510104@minsheng' });
    expect(sm2Verify('abc', signature, keys.publicKey, { userId: 'clerk-510104@minsheng' })).toBe(
      true,
    );
    expect(sm2Verify('abc', signature, keys.publicKey)).toBe(false);
  });

  it('rejects a tampered message', () => {
    const signature = sm2Sign('transfer to division 510104', keys.privateKey);
    expect(sm2Verify('transfer to division 510105', signature, keys.publicKey)).toBe(false);
  });

  it('rejects a signature with any single hex digit changed', () => {
    const signature = sm2Sign('abc', keys.privateKey);
    for (const index of [0, 31, 63, 64, 100, 127]) {
      expect(sm2Verify('abc', flipHexDigit(signature, index), keys.publicKey)).toBe(false);
    }
  });

  it("rejects another key's signature", () => {
    const signature = sm2Sign('abc', generateSm2KeyPair().privateKey);
    expect(sm2Verify('abc', signature, keys.publicKey)).toBe(false);
  });

  it('answers false, without throwing, for malformed signatures and keys', () => {
    const signature = sm2Sign('abc', keys.privateKey);
    expect(sm2Verify('abc', signature.slice(2), keys.publicKey)).toBe(false);
    expect(sm2Verify('abc', `${signature}00`, keys.publicKey)).toBe(false);
    expect(sm2Verify('abc', 'zz'.repeat(64), keys.publicKey)).toBe(false);
    expect(sm2Verify('abc', '0'.repeat(128), keys.publicKey)).toBe(false);
    expect(sm2Verify('abc', '3000', keys.publicKey, { der: true })).toBe(false);
    expect(sm2Verify('abc', signature, `04${'1'.repeat(128)}`)).toBe(false);
    expect(sm2Verify('abc', signature, keys.privateKey)).toBe(false);
  });

  it('refuses to sign with a malformed or out-of-range private key', () => {
    expect(() => sm2Sign('abc', 'not hex')).toThrow(RangeError);
    expect(() => sm2Sign('abc', '0'.repeat(64))).toThrow(RangeError);
    expect(() => sm2Sign('abc', 'f'.repeat(64))).toThrow(RangeError);
  });
});
