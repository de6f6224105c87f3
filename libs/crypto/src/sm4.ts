import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { BytesOrText } from './sm3.js';

const BLOCK = 16;

function assertLength(name: string, value: Uint8Array, length: number): void {
  if (value.length !== length) {
    throw new RangeError(`SM4 ${name} must be ${length} bytes, got ${value.length}`);
  }
}

/** SM4-CBC (GB/T 32907-2016) with PKCS#7 padding. Unauthenticated: pair it with a MAC. */
export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: BytesOrText): Buffer {
  assertLength('key', key, BLOCK);
  assertLength('IV', iv, BLOCK);
  const cipher = createCipheriv('sm4-cbc', key, iv);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Inverse of {@link sm4CbcEncrypt}; throws if the length or padding is wrong. */
export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer {
  assertLength('key', key, BLOCK);
  assertLength('IV', iv, BLOCK);
  const decipher = createDecipheriv('sm4-cbc', key, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** One raw SM4 block encryption (no mode, no padding): for known-answer tests, not for data. */
export function sm4EcbEncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  assertLength('key', key, BLOCK);
  assertLength('block', block, BLOCK);
  const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}
