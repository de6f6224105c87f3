import { randomInt, timingSafeEqual } from 'node:crypto';
import type { LookupHasher } from '@minsheng/crypto';

// Crockford base32: no I, L, O or U, so a code read aloud or copied by hand stays unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export const BOOKING_CODE_PATTERN = /^V[0-9A-HJKMNP-TV-Z]{11}$/;

/** Public, printed on the slip: `V` + 11 characters (55 random bits). */
export const newBookingCode = () => `V${randomCode(11)}`;

/** Secret, shown once: 8 characters (40 random bits), stored only as a keyed hash. */
export const newQueryCode = () => randomCode(8);

/** Six digits, texted to the petitioner to confirm the reception record. */
export const newConfirmationCode = () => String(randomInt(1_000_000)).padStart(6, '0');

/** A keyed hash (HMAC-SM3 with the instance's lookup key), bound to the record it unlocks. */
export function secretHash(
  hasher: LookupHasher,
  purpose: string,
  owner: string,
  secret: string,
): string {
  return hasher.hash(purpose, `${owner}:${secret.trim().toUpperCase()}`);
}

export function secretMatches(
  hasher: LookupHasher,
  purpose: string,
  owner: string,
  secret: string,
  storedHash: string,
): boolean {
  if (!secret.trim()) return false;
  const candidate = Buffer.from(secretHash(hasher, purpose, owner, secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
