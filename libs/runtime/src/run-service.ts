import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EnvValidationError } from '@minsheng/config';
import { bootstrapService } from './bootstrap-service.js';
import { loadServiceEnv, type ServiceEnv } from './service-env.js';

export interface ServiceDefinition {
  service: string;
  title: string;
  description: string;
  port: { variable: string; fallback: number };
  module: (env: ServiceEnv) => DynamicModule | Type<unknown>;
}

/** A service's whole `main.ts`: validate the env (refuse to start on bad config), then boot. */
export async function runService(
  definition: ServiceDefinition,
  {
    env: source = process.env,
    handleSignals = true,
  }: { env?: Record<string, string | undefined>; handleSignals?: boolean } = {},
): Promise<NestFastifyApplication> {
  let env: ServiceEnv;
  try {
    env = loadServiceEnv(definition.service, definition.port, source);
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${definition.service}: refusing to start. ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  return bootstrapService(definition.module(env), {
    service: definition.service,
    title: definition.title,
    description: definition.description,
    port: env.port,
    host: env.HTTP_HOST,
    natsServers: env.NATS_URL,
    namespace: env.namespace,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    handleSignals,
  });
}
