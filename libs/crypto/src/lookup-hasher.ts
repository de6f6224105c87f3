import { hmacSm3 } from './sm3.js';

const MIN_KEY_BYTES = 32;
const PURPOSE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * Keyed hashes to find a record by a protected value without decrypting it: hex HMAC-SM3 of
 * the purpose and the value. Use a key of its own, never a FieldCipher secret; changing it
 * means recomputing every stored hash.
 *
 * The value is only NFC-normalised and trimmed. Anything more is the caller's job, and it must
 * be done the same way when storing and when searching: upper-case the check character "x" of
 * an ID number, strip spaces or "+86" from a phone number, and so on.
 */
export class LookupHasher {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length < MIN_KEY_BYTES) {
      throw new RangeError(`LookupHasher key must be at least ${MIN_KEY_BYTES} bytes`);
    }
    this.#key = Buffer.from(key);
  }

  /** `purpose` (e.g. "id-number", "phone") keeps equal digits of different kinds apart. */
  hash(purpose: string, value: string): string {
    if (!PURPOSE_PATTERN.test(purpose)) {
      throw new RangeError(
        'LookupHasher purpose must be 1-64 characters of A-Z, a-z, 0-9, ".", "_", ":" and "-"',
      );
    }
    const normalized = value.normalize('NFC').trim();
    if (normalized === '') throw new RangeError('LookupHasher refuses to hash an empty value');
    const purposeBytes = Buffer.from(purpose, 'utf8');
    // Length-prefixed so no purpose/value split can collide with another.
    const data = Buffer.concat([
      Buffer.from([purposeBytes.length]),
      purposeBytes,
      Buffer.from(normalized, 'utf8'),
    ]);
    return hmacSm3(this.#key, data).toString('hex');
  }
}
