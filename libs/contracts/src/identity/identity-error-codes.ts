/** Stable error codes of the identity service, beside the shared `ErrorCodes`. */
export const IdentityErrorCodes = {
  /** Wrong username, password or TOTP code, or a disabled account — one answer for all. */
  invalidCredentials: 'INVALID_CREDENTIALS',
  /** Too many consecutive failed logins; the account is locked for a while. */
  accountLocked: 'ACCOUNT_LOCKED',
  /** The session was logged out, revoked by an administrator, or its refresh token was reused. */
  sessionRevoked: 'SESSION_REVOKED',
  /** The session was idle too long or passed its absolute lifetime. */
  sessionExpired: 'SESSION_EXPIRED',
  /** The refresh token is malformed or belongs to no session. */
  invalidRefreshToken: 'INVALID_REFRESH_TOKEN',
  /** The roles break the separation of duties (三员分立). */
  roleConflict: 'ROLE_CONFLICT',
  /** The password does not meet the password policy. */
  weakPassword: 'WEAK_PASSWORD',
  /** Another account already has this username. */
  usernameTaken: 'USERNAME_TAKEN',
} as const;
export type IdentityErrorCode = (typeof IdentityErrorCodes)[keyof typeof IdentityErrorCodes];
