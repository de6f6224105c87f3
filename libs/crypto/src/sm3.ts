import { createHash, createHmac } from 'node:crypto';

/** Bytes, or text that is hashed as its UTF-8 encoding. */
export type BytesOrText = string | Uint8Array;

/** SM3 digest (GB/T 32905-2016), 32 bytes. */
export function sm3(data: BytesOrText): Buffer {
  return createHash('sm3').update(data).digest();
}

/** SM3 digest as 64 lower-case hex characters. */
export function sm3Hex(data: BytesOrText): string {
  return createHash('sm3').update(data).digest('hex');
}

/** HMAC-SM3 (GM/T 0042-2015), 32 bytes. */
export function hmacSm3(key: BytesOrText, data: BytesOrText): Buffer {
  return createHmac('sm3', key).update(data).digest();
}
