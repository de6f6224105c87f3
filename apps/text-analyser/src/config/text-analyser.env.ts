import { z } from 'zod';
import { envFields, loadEnv } from '@minsheng/config';

/**
 * The analyser holds no data: it needs NATS to answer on and a port for health and metrics, and
 * none of the database, Redis, key or token settings of the other services.
 */
const textAnalyserEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  INSTANCE_DIVISION: envFields.divisionCode().default('510000'),
  NATS_URL: envFields.natsUrls(),
  NATS_NAMESPACE: envFields.natsNamespace().optional(),
  NATS_TLS_CA_FILE: z.string().min(1).optional(),
  NATS_TLS_CERT_FILE: z.string().min(1).optional(),
  NATS_TLS_KEY_FILE: z.string().min(1).optional(),
  TEXT_ANALYSER_PORT: envFields.port(3108),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: envFields.logLevel(),
  SHUTDOWN_TIMEOUT_MS: envFields.milliseconds(15_000),
  /** Load the dictionary at boot rather than on the first request (off in tests). */
  TEXT_ANALYSER_WARM_UP: envFields.flag(true),
});

export interface TextAnalyserEnv {
  service: 'text-analyser';
  logLevel: string;
  port: number;
  host: string;
  natsServers: string[];
  natsTls?: { caFile?: string; certFile?: string; keyFile?: string };
  namespace: string;
  shutdownTimeoutMs: number;
  warmUp: boolean;
}

/** Validates the analyser's environment once, at boot; throws `EnvValidationError` naming every fault. */
export function loadTextAnalyserEnv(
  source: Record<string, string | undefined> = process.env,
): TextAnalyserEnv {
  const env = loadEnv(textAnalyserEnvSchema, source);
  const tls = {
    ...(env.NATS_TLS_CA_FILE ? { caFile: env.NATS_TLS_CA_FILE } : {}),
    ...(env.NATS_TLS_CERT_FILE ? { certFile: env.NATS_TLS_CERT_FILE } : {}),
    ...(env.NATS_TLS_KEY_FILE ? { keyFile: env.NATS_TLS_KEY_FILE } : {}),
  };
  return {
    service: 'text-analyser',
    logLevel: env.LOG_LEVEL,
    port: env.TEXT_ANALYSER_PORT,
    host: env.HTTP_HOST,
    natsServers: env.NATS_URL,
    ...(Object.keys(tls).length ? { natsTls: tls } : {}),
    namespace: env.NATS_NAMESPACE ?? `ms.${env.INSTANCE_DIVISION}`,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    warmUp: env.TEXT_ANALYSER_WARM_UP,
  };
}
