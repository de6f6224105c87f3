import { randomBytes } from 'node:crypto';
import { sm4CbcDecrypt, sm4CbcEncrypt, sm4EcbEncryptBlock } from './sm4.js';

const hex = (text: string) => Buffer.from(text, 'hex');
const KEY = hex('0123456789abcdeffedcba9876543210');

describe('SM4 block cipher', () => {
  // GB/T 32907-2016 Annex A, example 1: key = plaintext.
  it('encrypts the GB/T 32907-2016 example 1 block', () => {
    expect(sm4EcbEncryptBlock(KEY, KEY).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  // GB/T 32907-2016 Annex A, example 2: the same block encrypted 1,000,000 times (~1-2 s).
  it('reaches the GB/T 32907-2016 example 2 block after 1,000,000 encryptions', () => {
    let block: Buffer = KEY;
    for (let i = 0; i < 1_000_000; i++) block = sm4EcbEncryptBlock(KEY, block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('rejects keys and blocks that are not 16 bytes', () => {
    expect(() => sm4EcbEncryptBlock(KEY.subarray(0, 15), KEY)).toThrow(RangeError);
    expect(() => sm4EcbEncryptBlock(KEY, Buffer.alloc(32))).toThrow(RangeError);
  });
});

describe('SM4-CBC', () => {
  // draft-ribose-cfrg-sm4 CBC example (as in OpenSSL's evpciph_sm4.txt), two blocks; with
  // PKCS#7 a full padding block follows them.
  it('matches the published two-block CBC example, then appends one padding block', () => {
    const plaintext = Buffer.concat([KEY, KEY]);
    const ciphertext = sm4CbcEncrypt(KEY, KEY, plaintext);
    expect(ciphertext).toHaveLength(48);
    expect(ciphertext.subarray(0, 32).toString('hex')).toBe(
      '2677f46b09c122cc975533105bd4a22af6125f7275ce552c3a2bbcf533de8a3b',
    );
    expect(sm4CbcDecrypt(KEY, KEY, ciphertext)).toEqual(plaintext);
  });

  it.each([0, 1, 15, 16, 17, 100])('round-trips %i bytes, padded to whole blocks', (length) => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const plaintext = randomBytes(length);
    const ciphertext = sm4CbcEncrypt(key, iv, plaintext);
    expect(ciphertext.length).toBe((Math.floor(length / 16) + 1) * 16);
    expect(sm4CbcDecrypt(key, iv, ciphertext)).toEqual(plaintext);
  });

  it('encrypts text as UTF-8', () => {
    const iv = randomBytes(16);
    const ciphertext = sm4CbcEncrypt(KEY, iv, '身份证号 11010519491231002X');
    expect(sm4CbcDecrypt(KEY, iv, ciphertext).toString('utf8')).toBe('身份证号 11010519491231002X');
  });

  it('rejects a wrong-size key or IV and a ciphertext that is not whole blocks', () => {
    expect(() => sm4CbcEncrypt(Buffer.alloc(32), KEY, 'x')).toThrow(RangeError);
    expect(() => sm4CbcEncrypt(KEY, Buffer.alloc(12), 'x')).toThrow(RangeError);
    expect(() => sm4CbcDecrypt(KEY, KEY, Buffer.alloc(15))).toThrow();
  });
});
