import { hkdfSync, timingSafeEqual } from 'node:crypto';
import { FieldDecryptionError } from './field-decryption.error.js';
import { KEY_ID_PATTERN, assertValidKeyring, type Keyring } from './keyring.js';
import { RandomPool } from './random-pool.js';
import { hmacSm3 } from './sm3.js';
import { sm4CbcDecrypt, sm4CbcEncrypt } from './sm4.js';

const VERSION = 'v1';
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
// HMAC-SM3 truncated to 128 bits: forging still takes ~2^128 tries, and each stored value
// (an ID or phone number is one or two blocks) stays short.
const TAG_BYTES = 16;

const ivs = new RandomPool();

interface FieldKeys {
  encryption: Buffer;
  mac: Buffer;
}

interface StoredField {
  keyId: string;
  /** `v1.<keyId>.`: authenticated with the data so neither can be swapped. */
  header: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

// Separate SM4 and MAC keys from one secret, so a keyring entry is a single value.
function deriveKeys(secret: Uint8Array): FieldKeys {
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), info, length));
  return {
    encryption: derive('minsheng/field-cipher/v1/sm4-cbc', 16),
    mac: derive('minsheng/field-cipher/v1/hmac-sm3', 32),
  };
}

function tagOf(keys: FieldKeys, header: string, iv: Buffer, ciphertext: Buffer): Buffer {
  const data = Buffer.concat([Buffer.from(header, 'utf8'), iv, ciphertext]);
  return hmacSm3(keys.mac, data).subarray(0, TAG_BYTES);
}

function malformed(message: string): FieldDecryptionError {
  return new FieldDecryptionError('MALFORMED', `Protected field is malformed: ${message}`);
}

function parse(stored: string): StoredField {
  if (typeof stored !== 'string') throw malformed('not a string');
  const parts = stored.split('.');
  if (parts.length !== 3) throw malformed('expected v1.<keyId>.<payload>');
  const [version, keyId, payload] = parts;
  if (version !== VERSION) {
    throw new FieldDecryptionError('UNSUPPORTED_VERSION', 'Protected field has an unknown version');
  }
  if (!KEY_ID_PATTERN.test(keyId)) throw malformed('invalid key id');
  const raw = Buffer.from(payload, 'base64url');
  // Canonical base64url only, so one value has exactly one stored form.
  if (raw.toString('base64url') !== payload) throw malformed('payload is not base64url');
  const bodyBytes = raw.length - IV_BYTES - TAG_BYTES;
  if (bodyBytes < BLOCK_BYTES || bodyBytes % BLOCK_BYTES !== 0) {
    throw malformed('payload has an impossible length');
  }
  return {
    keyId,
    header: `${version}.${keyId}.`,
    iv: raw.subarray(0, IV_BYTES),
    ciphertext: raw.subarray(IV_BYTES, IV_BYTES + bodyBytes),
    tag: raw.subarray(IV_BYTES + bodyBytes),
  };
}

/**
 * Encrypt-then-MAC protection of one text field (ID number, phone number, TOTP secret) as
 * `v1.<keyId>.<base64url(iv || SM4-CBC ciphertext || tag)>`, where the tag is HMAC-SM3 over
 * `v1.<keyId>.` || iv || ciphertext, truncated to 16 bytes. Each key id's secret yields an SM4
 * key and an HMAC key through HKDF-SM3. Random IVs: equal values encrypt differently, so look
 * values up with a {@link LookupHasher} hash stored beside them.
 */
export class FieldCipher {
  readonly activeKeyId: string;
  // A private field, so logging the cipher can never print key material.
  readonly #keys: Map<string, FieldKeys>;

  constructor(keyring: Keyring) {
    assertValidKeyring(keyring);
    this.activeKeyId = keyring.activeKeyId;
    this.#keys = new Map(
      Object.entries(keyring.keys).map(([id, secret]) => [id, deriveKeys(secret)]),
    );
  }

  encrypt(plaintext: string): string {
    const keys = this.#keys.get(this.activeKeyId) as FieldKeys;
    const header = `${VERSION}.${this.activeKeyId}.`;
    const iv = ivs.bytes(IV_BYTES);
    const ciphertext = sm4CbcEncrypt(keys.encryption, iv, Buffer.from(plaintext, 'utf8'));
    const tag = tagOf(keys, header, iv, ciphertext);
    return header + Buffer.concat([iv, ciphertext, tag]).toString('base64url');
  }

  /** Throws {@link FieldDecryptionError} unless the value is intact and its key is known. */
  decrypt(stored: string): string {
    const field = parse(stored);
    const keys = this.#keys.get(field.keyId);
    if (!keys) {
      throw new FieldDecryptionError('UNKNOWN_KEY', `No key "${field.keyId}" in the keyring`);
    }
    // Authenticate before decrypting: the padding check must never see forged input.
    if (!timingSafeEqual(tagOf(keys, field.header, field.iv, field.ciphertext), field.tag)) {
      throw new FieldDecryptionError('AUTHENTICATION_FAILED', 'Protected field failed its check');
    }
    try {
      return sm4CbcDecrypt(keys.encryption, field.iv, field.ciphertext).toString('utf8');
    } catch {
      // Only reachable with a valid tag over bad padding, i.e. a broken writer.
      throw malformed('bad padding');
    }
  }

  /** The key id a stored value names (format-checked, not authenticated). */
  keyIdOf(stored: string): string {
    return parse(stored).keyId;
  }

  /** True when the value was written under a key other than the active one. */
  needsRotation(stored: string): boolean {
    return this.keyIdOf(stored) !== this.activeKeyId;
  }

  /** The value under the active key; verified, and returned unchanged if already there. */
  rotate(stored: string): string {
    const plaintext = this.decrypt(stored);
    return this.needsRotation(stored) ? this.encrypt(plaintext) : stored;
  }
}
