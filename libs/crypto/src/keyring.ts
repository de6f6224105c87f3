import { randomBytes } from 'node:crypto';

/** Encryption secrets by key id; new values are written under `activeKeyId`. */
export interface Keyring {
  activeKeyId: string;
  /** At least {@link MIN_SECRET_BYTES} random bytes each; subkeys are derived from them. */
  keys: Record<string, Uint8Array>;
}

export const MIN_SECRET_BYTES = 32;

// Starts alphanumeric so no id can be "__proto__"; no "." or ":" (they delimit stored values).
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

const KEY_ID_RULE =
  '1-32 characters of A-Z, a-z, 0-9, "_" and "-", starting with a letter or digit';

/** Throws unless every key id and secret is usable and the active key is present. */
export function assertValidKeyring(keyring: Keyring): void {
  const ids = Object.keys(keyring.keys);
  for (const id of ids) {
    if (!KEY_ID_PATTERN.test(id)) throw new Error(`Keyring: key id "${id}" must be ${KEY_ID_RULE}`);
    const length = keyring.keys[id].length;
    if (length < MIN_SECRET_BYTES) {
      throw new Error(
        `Keyring: key "${id}" is ${length} bytes, needs at least ${MIN_SECRET_BYTES}`,
      );
    }
  }
  if (!Object.hasOwn(keyring.keys, keyring.activeKeyId)) {
    throw new Error(
      `Keyring: active key "${keyring.activeKeyId}" is not among the keys (${ids.join(', ') || 'none'})`,
    );
  }
}

function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/**
 * Parses `id1:base64,id2:base64` (e.g. from FIELD_KEYS) into a keyring. Errors name the entry
 * or key id, never a secret.
 */
export function keyringFromEnv(value: string, activeKeyId: string): Keyring {
  if (value.trim() === '') {
    throw new Error('Keyring is empty: expected "id:base64secret" entries separated by ","');
  }
  const keys = new Map<string, Buffer>();
  value.split(',').forEach((rawEntry, index) => {
    const entry = rawEntry.trim();
    const where = `Keyring entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`${where} is not of the form "id:base64secret"`);
    const id = entry.slice(0, colon).trim();
    if (!KEY_ID_PATTERN.test(id)) throw new Error(`${where}: key id must be ${KEY_ID_RULE}`);
    if (keys.has(id)) throw new Error(`${where}: key id "${id}" appears twice`);
    const secret = decodeBase64(entry.slice(colon + 1).trim());
    if (!secret) throw new Error(`${where}: the secret of key "${id}" is not valid base64`);
    if (secret.length < MIN_SECRET_BYTES) {
      throw new Error(
        `${where}: the secret of key "${id}" is ${secret.length} bytes, needs at least ${MIN_SECRET_BYTES}`,
      );
    }
    keys.set(id, secret);
  });
  const keyring = { activeKeyId, keys: Object.fromEntries(keys) };
  assertValidKeyring(keyring);
  return keyring;
}

/** A new random secret (base64 of 32 bytes) for a keyring entry; for dev tooling and rotation. */
export function generateKeySecret(): string {
  return randomBytes(MIN_SECRET_BYTES).toString('base64');
}
