import { setFlagsFromString } from 'node:v8';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import { EnvValidationError } from '@minsheng/config';
import { bootstrapService } from './bootstrap-service.js';
import { loadServiceEnv, type ServiceEnv } from './service-env.js';

export interface ServiceDefinition<S extends z.ZodRawShape = Record<string, never>> {
  service: string;
  title: string;
  description: string;
  port: { variable: string; fallback: number };
  /**
   * V8's old-generation growth past the last full GC's survivors, in % (V8_HEAP_GROWING_PERCENT
   * overrides it); unset: V8's own. For services whose RSS matters more than the CPU of more
   * frequent full collections.
   */
  heapGrowingPercent?: number;
  /** The service's own env variables (beyond the common ones), as zod fields. */
  settings?: S;
  module: (env: ServiceEnv<z.output<z.ZodObject<S>>>) => DynamicModule | Type<unknown>;
}

/** A service's whole `main.ts`: validate the env (refuse to start on bad config), then boot. */
export async function runService<S extends z.ZodRawShape>(
  definition: ServiceDefinition<S>,
  {
    env: source = process.env,
    handleSignals = true,
  }: { env?: Record<string, string | undefined>; handleSignals?: boolean } = {},
): Promise<NestFastifyApplication> {
  let env: ServiceEnv<z.output<z.ZodObject<S>>>;
  try {
    env = loadServiceEnv(definition.service, definition.port, source, definition.settings);
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${definition.service}: refusing to start. ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  applyHeapGrowing(env.V8_HEAP_GROWING_PERCENT ?? definition.heapGrowingPercent ?? 0);
  return bootstrapService(definition.module(env), {
    service: definition.service,
    title: definition.title,
    description: definition.description,
    port: env.port,
    host: env.HTTP_HOST,
    natsServers: env.NATS_URL,
    natsTls: env.natsTls,
    namespace: env.namespace,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    overload: {
      maxEventLoopDelayMs: env.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      maxRssBytes: env.OVERLOAD_MAX_RSS_BYTES,
    },
    handleSignals,
    trustedProxies: env.TRUSTED_PROXIES,
  });
}

/**
 * A capped service heap is mostly code and framework data that never dies; V8's default lets the
 * old generation grow 30–100 % past that before the next full GC, which is what shows as RSS under
 * load — more so where a request churns through a lot (a workbook import). NODE_OPTIONS refuses
 * this flag, so it is set here, at boot, before the heap has grown: V8 reads it each time it sets
 * the next collection's limit.
 */
function applyHeapGrowing(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
