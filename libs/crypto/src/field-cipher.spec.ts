import { createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher.js';
import { FieldDecryptionError, type FieldDecryptionErrorCode } from './field-decryption.error.js';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const K1 = randomBytes(32);
const K2 = randomBytes(32);
const cipher = new FieldCipher({ activeKeyId: 'k1', keys: { k1: K1, k2: K2 } });

function decryptError(fieldCipher: FieldCipher, stored: string): FieldDecryptionError {
  try {
    fieldCipher.decrypt(stored);
  } catch (error) {
    if (error instanceof FieldDecryptionError) return error;
    throw error;
  }
  throw new Error('decrypt accepted a value it should have refused');
}

const codeOf = (stored: string): FieldDecryptionErrorCode => decryptError(cipher, stored).code;

function withPayload(stored: string, change: (raw: Buffer) => void): string {
  const [version, keyId, payload] = stored.split('.');
  const raw = Buffer.from(payload, 'base64url');
  change(raw);
  return `${version}.${keyId}.${raw.toString('base64url')}`;
}

describe('FieldCipher', () => {
  it.each([
    '13800138000',
    '11010519491231002X',
    '张三 · 四川省成都市武侯区',
    '',
    'JBSWY3DPEHPK3PXP',
  ])('round-trips %j', (plaintext) => {
    expect(cipher.decrypt(cipher.encrypt(plaintext))).toBe(plaintext);
  });

  it('writes v1.<keyId>.<base64url> with a 16-byte IV, whole SM4 blocks and a 16-byte tag', () => {
    const stored = cipher.encrypt('13800138000');
    expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+$/);
    // 11 bytes pad to one block: IV 16 + 16 + tag 16.
    expect(Buffer.from(stored.split('.')[2], 'base64url')).toHaveLength(48);
  });

  it('can be decrypted from the documented construction alone', () => {
    const stored = cipher.encrypt('11010519491231002X');
    const [version, keyId, payload] = stored.split('.');
    const raw = Buffer.from(payload, 'base64url');
    const [iv, body, tag] = [raw.subarray(0, 16), raw.subarray(16, -16), raw.subarray(-16)];
    const derive = (info: string, length: number) =>
      Buffer.from(hkdfSync('sm3', K1, Buffer.alloc(0), info, length));
    const macKey = derive('minsheng/field-cipher/v1/hmac-sm3', 32);
    const encKey = derive('minsheng/field-cipher/v1/sm4-cbc', 16);

    const mac = createHmac('sm3', macKey).update(`${version}.${keyId}.`).update(iv).update(body);
    expect(mac.digest().subarray(0, 16)).toEqual(tag);
    const decipher = createDecipheriv('sm4-cbc', encKey, iv);
    expect(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')).toBe(
      '11010519491231002X',
    );
  });

  it('encrypts the same value differently every time', () => {
    const a = cipher.encrypt('13800138000');
    const b = cipher.encrypt('13800138000');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe(cipher.decrypt(b));
  });

  // Flips in the last ciphertext block would surface as padding errors if decryption ran
  // before the tag check; every flip failing authentication shows the order.
  it('fails authentication when any byte of IV, ciphertext or tag is altered', () => {
    const stored = cipher.encrypt('11010519491231002X');
    const length = Buffer.from(stored.split('.')[2], 'base64url').length;
    for (let index = 0; index < length; index++) {
      const tampered = withPayload(stored, (raw) => {
        raw[index] ^= 0x01;
      });
      expect(codeOf(tampered)).toBe('AUTHENTICATION_FAILED');
    }
  });

  // Each character is swapped for its base64url neighbour (lowest bit flipped). 18 bytes make a
  // 64-byte payload whose last character has spare bits: that swap keeps the decoded bytes.
  it('refuses the stored string with any one character replaced', () => {
    const stored = cipher.encrypt('11010519491231002X');
    for (let index = 0; index < stored.length; index++) {
      const position = BASE64URL.indexOf(stored[index]);
      const replacement = position < 0 ? 'A' : BASE64URL[position ^ 1];
      const tampered = stored.slice(0, index) + replacement + stored.slice(index + 1);
      expect(() => cipher.decrypt(tampered)).toThrow(FieldDecryptionError);
    }
  });

  it('refuses a value relabelled with another known key id', () => {
    const stored = cipher.encrypt('13800138000');
    expect(codeOf(stored.replace(/^v1\.k1\./, 'v1.k2.'))).toBe('AUTHENTICATION_FAILED');
  });

  it('authenticates the key id itself, even where two ids share a secret', () => {
    const aliased = new FieldCipher({ activeKeyId: 'a', keys: { a: K1, b: K1 } });
    const stored = aliased.encrypt('13800138000');
    expect(decryptError(aliased, stored.replace(/^v1\.a\./, 'v1.b.')).code).toBe(
      'AUTHENTICATION_FAILED',
    );
  });

  it('refuses an unknown key id', () => {
    const stored = cipher.encrypt('13800138000');
    const error = decryptError(cipher, stored.replace(/^v1\.k1\./, 'v1.k9.'));
    expect(error.code).toBe('UNKNOWN_KEY');
    expect(error.message).toContain('k9');
  });

  it('refuses values with another version', () => {
    const stored = cipher.encrypt('13800138000');
    expect(codeOf(stored.replace(/^v1\./, 'v2.'))).toBe('UNSUPPORTED_VERSION');
  });

  it.each([
    ['plain text', '13800138000'],
    ['too few parts', 'v1.k1'],
    ['too many parts', 'v1.k1.AAAA.BBBB'],
    ['an empty payload', 'v1.k1.'],
    ['an invalid key id', 'v1.k 1.AAAA'],
    ['non-base64url payload', 'v1.k1.AAAA+AAA/'],
  ])('reports %s as malformed', (_name, stored) => {
    expect(codeOf(stored)).toBe('MALFORMED');
  });

  it('reports truncated or extended payloads as malformed', () => {
    const stored = cipher.encrypt('13800138000');
    expect(codeOf(withPayloadLength(stored, -1))).toBe('MALFORMED');
    expect(codeOf(withPayloadLength(stored, -16))).toBe('MALFORMED');
    expect(codeOf(withPayloadLength(stored, 1))).toBe('MALFORMED');
  });

  it('never puts the stored value in its error message', () => {
    const stored = cipher.encrypt('11010519491231002X');
    const tampered = withPayload(stored, (raw) => {
      raw[20] ^= 0xff;
    });
    expect(decryptError(cipher, tampered).message).not.toContain(tampered.split('.')[2]);
  });

  describe('key rotation', () => {
    const before = new FieldCipher({ activeKeyId: '2024', keys: { '2024': K1 } });
    const after = new FieldCipher({ activeKeyId: '2025', keys: { '2024': K1, '2025': K2 } });
    const retired = new FieldCipher({ activeKeyId: '2025', keys: { '2025': K2 } });

    it('re-encrypts old values under the active key while they still decrypt', () => {
      const old = before.encrypt('13800138000');
      expect(after.keyIdOf(old)).toBe('2024');
      expect(after.needsRotation(old)).toBe(true);
      expect(after.decrypt(old)).toBe('13800138000');

      const rotated = after.rotate(old);
      expect(after.keyIdOf(rotated)).toBe('2025');
      expect(after.needsRotation(rotated)).toBe(false);
      expect(after.decrypt(rotated)).toBe('13800138000');
      expect(retired.decrypt(rotated)).toBe('13800138000');
      expect(decryptError(retired, old).code).toBe('UNKNOWN_KEY');
    });

    it('leaves values already under the active key unchanged, after checking them', () => {
      const current = after.encrypt('13800138000');
      expect(after.rotate(current)).toBe(current);
      const tampered = withPayload(current, (raw) => {
        raw[0] ^= 0x01;
      });
      expect(() => after.rotate(tampered)).toThrow(FieldDecryptionError);
    });

    it('refuses to rotate a value it cannot authenticate', () => {
      const foreign = new FieldCipher({ activeKeyId: '2024', keys: { '2024': randomBytes(32) } });
      expect(() => after.rotate(foreign.encrypt('13800138000'))).toThrow(FieldDecryptionError);
    });
  });

  it('refuses a keyring without its active key or with a short secret', () => {
    expect(() => new FieldCipher({ activeKeyId: 'k3', keys: { k1: K1 } })).toThrow(/k3/);
    expect(() => new FieldCipher({ activeKeyId: 'k1', keys: { k1: randomBytes(16) } })).toThrow(
      /at least 32/,
    );
    expect(() => new FieldCipher({ activeKeyId: 'a.b', keys: { 'a.b': K1 } })).toThrow(/key id/);
  });

  it('keeps key material out of what it enumerates', () => {
    expect(JSON.stringify(cipher)).toBe('{"activeKeyId":"k1"}');
  });
});

function withPayloadLength(stored: string, delta: number): string {
  const [version, keyId, payload] = stored.split('.');
  const raw = Buffer.from(payload, 'base64url');
  const resized = delta < 0 ? raw.subarray(0, delta) : Buffer.concat([raw, Buffer.alloc(delta)]);
  return `${version}.${keyId}.${resized.toString('base64url')}`;
}
