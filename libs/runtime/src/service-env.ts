import { z } from 'zod';
import { envFields, loadEnv } from '@minsheng/config';
import { keyringFromEnv } from '@minsheng/crypto';
import { DEFAULT_OUTBOX_RETENTION_DAYS } from '@minsheng/messaging';

export interface ServiceEnv<Settings = Record<string, unknown>> {
  service: string;
  NODE_ENV: 'development' | 'test' | 'production';
  INSTANCE_DIVISION: string;
  DATABASE_URL: string;
  DB_SCHEMA: string;
  DB_POOL_SIZE: number;
  NATS_URL: string[];
  NATS_TLS_CA_FILE?: string;
  NATS_TLS_CERT_FILE?: string;
  NATS_TLS_KEY_FILE?: string;
  REDIS_TLS_CA_FILE?: string;
  REDIS_URL: string;
  HTTP_HOST: string;
  TRUSTED_PROXIES: string;
  LOG_LEVEL: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_JWKS_URL?: string;
  AUTH_PUBLIC_KEY_FILE?: string;
  BODY_LIMIT_BYTES: number;
  SHUTDOWN_TIMEOUT_MS: number;
  /** Above this event-loop delay requests are refused with 503 (load shedding); 0 = off. */
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: number;
  /** Above this resident memory requests are refused with 503; 0 = off. */
  OVERLOAD_MAX_RSS_BYTES: number;
  /**
   * How far V8 lets the old generation grow past what survived the last full GC, in %; 0 = V8's
   * own. Unset: the service definition's `heapGrowingPercent`.
   */
  V8_HEAP_GROWING_PERCENT?: number;
  AUDIT_RETENTION_DAYS: number;
  /** Days a published outbox row is kept before it is removed (JetStream holds the event). */
  OUTBOX_RETENTION_DAYS: number;
  /** `id:base64,…` SM4/HMAC-SM3 field keys; new values use FIELD_ENCRYPTION_ACTIVE_KEY. */
  FIELD_ENCRYPTION_KEYS: string;
  FIELD_ENCRYPTION_ACTIVE_KEY: string;
  /** base64, ≥ 32 bytes: the HMAC-SM3 key of lookup hashes (changing it means rehashing). */
  LOOKUP_HASH_KEY: string;
  /** From the service's own port variable (PETITION_PORT …). */
  port: number;
  /** NATS TLS options when any NATS_TLS_* file is set. */
  natsTls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** NATS_NAMESPACE, else `ms.<INSTANCE_DIVISION>`. */
  namespace: string;
  /** The service's own variables, validated in the same pass as the common ones. */
  settings: Settings;
}

const common = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  INSTANCE_DIVISION: envFields.divisionCode().default('510000'),
  DATABASE_URL: envFields.postgresUrl(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NATS_URL: envFields.natsUrls(),
  NATS_NAMESPACE: envFields.natsNamespace().optional(),
  NATS_TLS_CA_FILE: z.string().min(1).optional(),
  NATS_TLS_CERT_FILE: z.string().min(1).optional(),
  NATS_TLS_KEY_FILE: z.string().min(1).optional(),
  REDIS_TLS_CA_FILE: z.string().min(1).optional(),
  REDIS_URL: envFields.redisUrl(),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  // In Kubernetes, set to the ingress controllers' pod CIDR.
  TRUSTED_PROXIES: z.string().min(1).default('loopback'),
  LOG_LEVEL: envFields.logLevel(),
  AUTH_ISSUER: z.string().min(1).default('minsheng'),
  AUTH_AUDIENCE: z.string().min(1).default('minsheng'),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  BODY_LIMIT_BYTES: envFields.bytes(256 * 1024),
  SHUTDOWN_TIMEOUT_MS: envFields.milliseconds(15_000),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: envFields.milliseconds(1_000),
  OVERLOAD_MAX_RSS_BYTES: z.coerce.number().int().min(0).default(0),
  V8_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).optional(),
  // 等保 requires at least six months; the database refuses to purge anything younger anyway.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180).max(3_650).default(180),
  OUTBOX_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3_650)
    .default(DEFAULT_OUTBOX_RETENTION_DAYS),
  FIELD_ENCRYPTION_KEYS: z.string().min(1),
  FIELD_ENCRYPTION_ACTIVE_KEY: z.string().min(1),
  LOOKUP_HASH_KEY: z.string().refine((v) => Buffer.from(v, 'base64').length >= 32, {
    message: 'must be base64 of at least 32 bytes',
  }),
};

/**
 * Validates the environment every service reads, once at boot. The port variable is per service
 * (PETITION_PORT …) so all six can share one shell without colliding.
 */
export function loadServiceEnv<S extends z.ZodRawShape = Record<string, never>>(
  service: string,
  port: { variable: string; fallback: number },
  env: Record<string, string | undefined> = process.env,
  settingsShape?: S,
): ServiceEnv<z.output<z.ZodObject<S>>> {
  const settingKeys = Object.keys(settingsShape ?? {});
  const schema = z
    .object({
      ...settingsShape,
      ...common,
      DB_SCHEMA: envFields.identifier().default(service.replace(/-/g, '_')),
      [port.variable]: envFields.port(port.fallback),
    })
    .superRefine(
      (e, ctx) => {
        if (
          typeof e.FIELD_ENCRYPTION_KEYS !== 'string' ||
          typeof e.FIELD_ENCRYPTION_ACTIVE_KEY !== 'string'
        )
          return;
        try {
          keyringFromEnv(e.FIELD_ENCRYPTION_KEYS, e.FIELD_ENCRYPTION_ACTIVE_KEY);
        } catch (error) {
          // keyringFromEnv names the entry or key id at fault, never a secret.
          ctx.addIssue({
            code: 'custom',
            path: ['FIELD_ENCRYPTION_KEYS'],
            message: (error as Error).message,
          });
        }
      },
      { when: () => true },
    )
    .refine((e) => e.AUTH_JWKS_URL || e.AUTH_PUBLIC_KEY_FILE, {
      message: 'set AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE',
      path: ['AUTH_PUBLIC_KEY_FILE'],
      // Run even when other variables are wrong, so every problem is listed at once.
      when: () => true,
    });
  const parsed = loadEnv(schema, env) as Omit<
    ServiceEnv,
    'service' | 'port' | 'namespace' | 'settings'
  > &
    Record<string, unknown> & { NATS_NAMESPACE?: string };
  const { NATS_NAMESPACE, ...rest } = parsed;
  const settings = Object.fromEntries(settingKeys.map((key) => [key, parsed[key]]));
  return {
    ...rest,
    settings: settings as z.output<z.ZodObject<S>>,
    service,
    port: parsed[port.variable] as number,
    namespace: NATS_NAMESPACE ?? `ms.${parsed.INSTANCE_DIVISION}`,
    natsTls:
      parsed.NATS_TLS_CA_FILE || parsed.NATS_TLS_CERT_FILE || parsed.NATS_TLS_KEY_FILE
        ? {
            caFile: parsed.NATS_TLS_CA_FILE,
            certFile: parsed.NATS_TLS_CERT_FILE,
            keyFile: parsed.NATS_TLS_KEY_FILE,
          }
        : undefined,
  };
}
