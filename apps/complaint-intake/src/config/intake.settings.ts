import { z } from 'zod';
import { EnvValidationError, envFields } from '@minsheng/config';
import { isKnownDivision, isWithinJurisdiction } from '@minsheng/domain';
import type { ServiceEnv } from '@minsheng/runtime';

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const MIB = 1024 * 1024;

/** complaint-intake's own environment variables, validated with the common ones at boot. */
export const intakeSettings = {
  /**
   * Child divisions that run their own instance (e.g. `510100,510700` at the province): their
   * complaints are held for the exchange instead of being registered here.
   */
  CHILD_INSTANCES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(envFields.divisionCode())),

  /** How long the category taxonomy is cached in memory; 0 reads it on every submission. */
  CATEGORY_CACHE_SECONDS: int(60, 0, 3_600),

  /** Where attachments go when no S3 store is configured. */
  ATTACHMENT_DIR: z.string().min(1).default('.local/attachments'),
  /** Where uploads wait while they are checked; unset: the system's temporary directory. */
  ATTACHMENT_STAGING_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_FILES: int(5, 0, 20),
  ATTACHMENT_MAX_FILE_BYTES: int(10 * MIB, 1, 100 * MIB),
  ATTACHMENT_MAX_TOTAL_BYTES: int(20 * MIB, 1, 500 * MIB),
  /** S3-compatible object storage (MinIO …): used when S3_ENDPOINT and S3_BUCKET are set. */
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** MinIO serves buckets as paths (`/bucket/key`), not as host names. */
  S3_FORCE_PATH_STYLE: envFields.flag(true),

  /** Unset: required in production (NODE_ENV=production) only. */
  CAPTCHA_REQUIRED: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  CAPTCHA_TTL_SECONDS: int(300, 30, 3_600),

  /** Off only for benchmarks; the limits below are shared by every replica through Redis. */
  RATE_LIMITS_ENABLED: envFields.flag(true),
  RATE_LIMIT_IP_SUBMISSIONS: int(30, 1, 1_000_000),
  RATE_LIMIT_IP_SUBMISSIONS_WINDOW_SECONDS: int(3_600, 1, 7 * 86_400),
  RATE_LIMIT_ID_SUBMISSIONS: int(10, 1, 1_000_000),
  RATE_LIMIT_ID_SUBMISSIONS_WINDOW_SECONDS: int(86_400, 1, 30 * 86_400),
  /** Status pages, attachments, captchas, ratings and review requests per client address. */
  RATE_LIMIT_IP_LOOKUPS: int(120, 1, 1_000_000),
  RATE_LIMIT_IP_LOOKUPS_WINDOW_SECONDS: int(60, 1, 86_400),

  /** How long a submission's result is kept for retries with the same Idempotency-Key. */
  IDEMPOTENCY_TTL_SECONDS: int(86_400, 60, 7 * 86_400),

  /** Days after the reply during which the petitioner may rate it. */
  RATING_WINDOW_DAYS: int(30, 1, 365),

  /** `log` writes a redacted line; `sms-simulator` records what an SMS gateway would send. */
  NOTIFICATION_SENDER: z.enum(['log', 'sms-simulator']).default('log'),
  NOTIFICATION_POLL_MS: envFields.milliseconds(2_000),
};

export type IntakeSettings = z.output<z.ZodObject<typeof intakeSettings>>;
export type IntakeEnv = ServiceEnv<IntakeSettings>;

/** Injection token for the validated settings plus what they imply (captcha, jurisdiction). */
export const INTAKE_CONFIG = Symbol('INTAKE_CONFIG');

export interface IntakeConfig extends IntakeSettings {
  instanceDivision: string;
  captchaRequired: boolean;
  /** Prefix of this instance's Redis keys (the NATS namespace, so test suites never collide). */
  redisPrefix: string;
  s3?: {
    endpoint: string;
    bucket: string;
    region: string;
    forcePathStyle: boolean;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
}

/**
 * Settings that only make sense together are checked here, listing every problem at once:
 * each child instance must be a known division strictly inside this instance's jurisdiction,
 * and S3 needs both endpoint and bucket (and both keys, or neither).
 */
export function intakeConfig(env: IntakeEnv): IntakeConfig {
  const s = env.settings;
  const problems: Array<{ variable: string; message: string }> = [];
  for (const code of s.CHILD_INSTANCES) {
    if (
      !isKnownDivision(code) ||
      code === env.INSTANCE_DIVISION ||
      !isWithinJurisdiction(env.INSTANCE_DIVISION, code)
    ) {
      problems.push({
        variable: 'CHILD_INSTANCES',
        message: `${code} is not a known division inside INSTANCE_DIVISION ${env.INSTANCE_DIVISION}`,
      });
    }
  }
  if (Boolean(s.S3_ENDPOINT) !== Boolean(s.S3_BUCKET)) {
    problems.push({
      variable: 'S3_BUCKET',
      message: 'set both S3_ENDPOINT and S3_BUCKET, or neither',
    });
  }
  if (Boolean(s.S3_ACCESS_KEY_ID) !== Boolean(s.S3_SECRET_ACCESS_KEY)) {
    problems.push({
      variable: 'S3_SECRET_ACCESS_KEY',
      message: 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither',
    });
  }
  if (s.ATTACHMENT_MAX_TOTAL_BYTES < s.ATTACHMENT_MAX_FILE_BYTES) {
    problems.push({
      variable: 'ATTACHMENT_MAX_TOTAL_BYTES',
      message: 'must be at least ATTACHMENT_MAX_FILE_BYTES',
    });
  }
  if (problems.length) throw new EnvValidationError(problems);
  return {
    ...s,
    instanceDivision: env.INSTANCE_DIVISION,
    captchaRequired: s.CAPTCHA_REQUIRED ?? env.NODE_ENV === 'production',
    redisPrefix: `${env.namespace}:intake`,
    s3:
      s.S3_ENDPOINT && s.S3_BUCKET
        ? {
            endpoint: s.S3_ENDPOINT,
            bucket: s.S3_BUCKET,
            region: s.S3_REGION,
            forcePathStyle: s.S3_FORCE_PATH_STYLE,
            credentials:
              s.S3_ACCESS_KEY_ID && s.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: s.S3_ACCESS_KEY_ID, secretAccessKey: s.S3_SECRET_ACCESS_KEY }
                : undefined,
          }
        : undefined,
  };
}
