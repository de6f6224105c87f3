import type { z } from 'zod';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MigrationInterface } from 'typeorm';
import { runService, type ServiceDefinition } from '@minsheng/runtime';
import { backingServices, TestKeys, TestSchema, testNamespace } from '@minsheng/testing';

export interface InProcessServiceOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: Array<new () => MigrationInterface>;
  /** Share a namespace to let several services of one suite talk to each other. */
  namespace?: string;
  keys?: TestKeys;
  env?: Record<string, string>;
}

/**
 * One real service in the test process — Fastify, NATS microservice, Postgres schema, JetStream
 * streams — isolated in its own schema and namespace. `http` injects requests without a socket.
 */
export class InProcessService {
  private constructor(
    private current: NestFastifyApplication,
    readonly schema: TestSchema,
    readonly namespace: string,
    readonly keys: TestKeys,
    private readonly boot: () => Promise<NestFastifyApplication>,
  ) {}

  get app(): NestFastifyApplication {
    return this.current;
  }

  static async start<S extends z.ZodRawShape>(
    definition: ServiceDefinition<S>,
    options: InProcessServiceOptions,
  ): Promise<InProcessService> {
    const { databaseUrl, natsUrl, redisUrl } = backingServices();
    const schema = await TestSchema.create(
      definition.service,
      options.entities,
      options.migrations,
    );
    const namespace = options.namespace ?? testNamespace();
    const keys = options.keys ?? (await TestKeys.create());
    const boot = () =>
      runService(definition, {
        handleSignals: false,
        env: {
          NODE_ENV: 'test',
          DATABASE_URL: databaseUrl,
          NATS_URL: natsUrl,
          REDIS_URL: redisUrl,
          DB_SCHEMA: schema.name,
          NATS_NAMESPACE: namespace,
          HTTP_HOST: '127.0.0.1',
          [definition.port.variable]: '0',
          LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
          // Suites share two cores: a busy test machine is not an overloaded service. Tests of
          // load shedding turn it on themselves.
          OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
          ...keys.env(),
          ...options.env,
        },
      });
    return new InProcessService(await boot(), schema, namespace, keys, boot);
  }

  get http() {
    return this.app.getHttpAdapter().getInstance();
  }

  /**
   * Shuts the app down and starts a new one on the same schema, namespace and keys, as a process
   * restart would: what it left in the database and in JetStream is what the new one finds.
   */
  async restart(): Promise<void> {
    await this.current.close();
    this.current = await this.boot();
  }

  /** Closes the app, then removes its schema. */
  async stop(): Promise<void> {
    await this.app.close();
    await this.schema.drop();
  }
}
