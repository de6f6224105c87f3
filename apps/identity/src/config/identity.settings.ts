import { z } from 'zod';
import { EnvValidationError } from '@minsheng/config';
import type { ServiceEnv } from '@minsheng/runtime';

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** What creating accounts needs — shared by the service and the bootstrap CLI. */
export const accountSettings = {
  PASSWORD_MIN_LENGTH: int(12, 8, 128),
  /** Of lower-case, upper-case, digit, symbol. */
  PASSWORD_MIN_CHARACTER_CLASSES: int(3, 1, 4),
  /** argon2id cost (OWASP's minimum recommendation by default). */
  PASSWORD_HASH_MEMORY_KIB: int(19_456, 1_024, 4_194_304),
  PASSWORD_HASH_TIME_COST: int(2, 1, 100),
  PASSWORD_HASH_PARALLELISM: int(1, 1, 16),
  /** Shown by the authenticator app beside the username. */
  TOTP_ISSUER: z.string().min(1).max(64).default('民声'),
};

/** Tokens, sessions and login protection. */
export const sessionSettings = {
  /**
   * PKCS#8 PEM file with the ES256 private key that signs access tokens. Required outside tests;
   * tests without it get a throwaway key.
   */
  IDENTITY_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Where verifiers reach this service; the JWKS URI in the discovery document is built from it. */
  IDENTITY_PUBLIC_URL: z
    .url()
    .default('http://127.0.0.1:3107')
    .transform((url) => url.replace(/\/+$/, '')),
  ACCESS_TOKEN_TTL_SECONDS: int(300, 10, 3_600),
  SESSION_IDLE_TIMEOUT_SECONDS: int(1_800, 1, 86_400),
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: int(28_800, 1, 7 * 86_400),
  /** Consecutive failed logins before the account is locked … */
  LOGIN_MAX_FAILURES: int(5, 1, 100),
  /** … for this long. */
  LOGIN_LOCKOUT_MINUTES: int(15, 1, 24 * 60),
  /** Login attempts per client IP and minute. */
  LOGIN_RATE_LIMIT_PER_MINUTE: int(20, 1, 10_000),
};

export const identitySettings = { ...accountSettings, ...sessionSettings };

export type AccountSettings = z.output<z.ZodObject<typeof accountSettings>>;
export type IdentitySettings = z.output<z.ZodObject<typeof identitySettings>>;
export type IdentityEnv = ServiceEnv<IdentitySettings>;

/** Injection token for `IdentitySettings` (the validated `env.settings`). */
export const IDENTITY_SETTINGS = Symbol('IDENTITY_SETTINGS');

/**
 * The signing key may be left out only by tests (NODE_ENV=test), which then sign with a throwaway
 * key; anywhere else the service refuses to start without it. (TOTP secrets are encrypted with
 * the instance's field keys, FIELD_ENCRYPTION_KEYS, which every service requires.)
 */
export function assertProductionSecrets(env: IdentityEnv): void {
  if (env.NODE_ENV === 'test' || env.settings.IDENTITY_SIGNING_KEY_FILE) return;
  throw new EnvValidationError([
    { variable: 'IDENTITY_SIGNING_KEY_FILE', message: 'must be set (only tests may omit it)' },
  ]);
}
