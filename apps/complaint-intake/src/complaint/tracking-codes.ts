import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

// Crockford base32: no I, L, O or U, so a code read aloud or copied by hand stays unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export const TRACKING_CODE_PATTERN = /^T[0-9A-HJKMNP-TV-Z]{11}$/;
export const QUERY_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** Public, printed on the receipt: `T` + 11 characters (55 random bits). */
export const newTrackingCode = () => `T${randomCode(11)}`;

/** Secret, shown once: 8 characters (40 random bits), stored only as a hash. */
export const newQueryCode = () => randomCode(8);

export function hashQueryCode(trackingCode: string, queryCode: string): string {
  return createHash('sha256').update(`${trackingCode}:${queryCode.toUpperCase()}`).digest('hex');
}

export function queryCodeMatches(
  trackingCode: string,
  queryCode: string,
  storedHash: string,
): boolean {
  const candidate = Buffer.from(hashQueryCode(trackingCode, queryCode), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
