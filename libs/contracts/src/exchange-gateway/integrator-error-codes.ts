/** Stable error codes of the integrator API and Open311, beside the shared `ErrorCodes`. */
export const IntegratorErrorCodes = {
  /** A signature header is missing or malformed (401). */
  signatureRequired: 'INTEGRATOR_SIGNATURE_REQUIRED',
  /** No client with this id (401). */
  unknownClient: 'INTEGRATOR_CLIENT_UNKNOWN',
  /** The signature does not match the request (401). */
  badSignature: 'INTEGRATOR_SIGNATURE_INVALID',
  /** The timestamp is more than the tolerance (±300 s) away from the server's clock (401). */
  staleTimestamp: 'INTEGRATOR_TIMESTAMP_STALE',
  /** The nonce was already used within its window (401). */
  nonceReused: 'INTEGRATOR_NONCE_REUSED',
  /** The client was disabled by an administrator (403). */
  clientDisabled: 'INTEGRATOR_CLIENT_DISABLED',
  /** Over the client's rate limit (429, with Retry-After). */
  rateLimited: 'INTEGRATOR_RATE_LIMITED',
  /** The client lacks the scope the endpoint needs (403). */
  scopeMissing: 'INTEGRATOR_SCOPE_MISSING',
  /** The division is outside the client's allowed divisions (403). */
  divisionNotAllowed: 'INTEGRATOR_DIVISION_NOT_ALLOWED',
  /** The same Idempotency-Key was sent with a different request (422). */
  idempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  /** A request with this Idempotency-Key is still being processed (409). */
  idempotencyKeyInUse: 'IDEMPOTENCY_KEY_IN_USE',
  /** `categoryCode` names no category of intake's taxonomy (400). */
  unknownCategory: 'UNKNOWN_CATEGORY',
  /** The change-feed cursor is not one this server issued (400). */
  invalidCursor: 'INVALID_CURSOR',
  /** A webhook URL that is not https (or points into the instance's own network) (400). */
  webhookUrlNotAllowed: 'WEBHOOK_URL_NOT_ALLOWED',
  /** The webhook delivery is not in the dead-letter list (409). */
  deliveryNotDead: 'WEBHOOK_DELIVERY_NOT_DEAD',
} as const;
export type IntegratorErrorCode = (typeof IntegratorErrorCodes)[keyof typeof IntegratorErrorCodes];
