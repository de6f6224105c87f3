import { z } from 'zod';
import { envFields } from '@minsheng/config';
import type { ServiceEnv } from '@minsheng/runtime';

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** The integrator API's own environment variables, validated with the common ones at boot. */
export const integratorSettings = {
  /** How far a request's timestamp may be from the server's clock. */
  INTEGRATOR_TIMESTAMP_TOLERANCE_SECONDS: int(300, 30, 3_600),
  /** Idempotency-Key records are kept this long. */
  INTEGRATOR_IDEMPOTENCY_TTL_HOURS: int(24, 1, 720),
  /** How often due webhook deliveries are looked for. */
  WEBHOOK_POLL_MS: envFields.milliseconds(2_000),
  /** Retry n waits base × 2^(n−1), capped. */
  WEBHOOK_BACKOFF_BASE_MS: envFields.milliseconds(10_000),
  WEBHOOK_BACKOFF_MAX_MS: envFields.milliseconds(3_600_000),
  /** After this many failed attempts a delivery goes to the dead-letter list. */
  WEBHOOK_MAX_ATTEMPTS: int(10, 1, 50),
  WEBHOOK_TIMEOUT_MS: envFields.milliseconds(10_000),
  /** Development and tests only: lets webhooks use http:// and loopback or private addresses. */
  WEBHOOK_ALLOW_INSECURE_URLS: envFields.flag(false),
};

export type IntegratorSettings = z.output<z.ZodObject<typeof integratorSettings>>;

export const INTEGRATOR_CONFIG = Symbol('INTEGRATOR_CONFIG');

export interface IntegratorConfig extends IntegratorSettings {
  instanceDivision: string;
  /** The service's Postgres schema, for raw SQL. */
  schema: string;
  /** Redis keys of this instance's integrator API (shared by replicas, apart from other suites). */
  redisPrefix: string;
}

export function integratorConfig(env: ServiceEnv): IntegratorConfig {
  const settings = env.settings as unknown as IntegratorSettings;
  return {
    ...settings,
    instanceDivision: env.INSTANCE_DIVISION,
    schema: env.DB_SCHEMA,
    redisPrefix: `${env.namespace}:exchange-gateway`,
  };
}
