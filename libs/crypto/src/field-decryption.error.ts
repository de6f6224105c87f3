export type FieldDecryptionErrorCode =
  /** Not `v1.<keyId>.<base64url>` of a possible length. */
  | 'MALFORMED'
  /** Written by a newer format version than this code reads. */
  | 'UNSUPPORTED_VERSION'
  /** The key id is not in the keyring (retired too early, or a value from another environment). */
  | 'UNKNOWN_KEY'
  /** The tag does not match: the value was altered, or was written with another key. */
  | 'AUTHENTICATION_FAILED';

/** Thrown by FieldCipher when a stored value cannot be trusted; never carries the value itself. */
export class FieldDecryptionError extends Error {
  constructor(
    readonly code: FieldDecryptionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FieldDecryptionError';
  }
}
