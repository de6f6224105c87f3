import { readFileSync } from 'node:fs';
import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { MigrationInterface } from 'typeorm';
import { DataSource } from 'typeorm';
import { AuditModule } from '@minsheng/audit';
import { AccessAuditor, AuthModule } from '@minsheng/auth';
import { FieldCipher, LookupHasher, keyringFromEnv } from '@minsheng/crypto';
import { MessagingModule } from '@minsheng/messaging';
import { HealthRegistry, ObservabilityModule, requestContext } from '@minsheng/observability';
import { serviceDataSourceOptions } from '@minsheng/persistence';
import { AuditAccessAuditor } from './audit-access-auditor.js';
import { AuditRecordsHttpController } from './audit-records.http.controller.js';
import { describeInstanceController } from './describe-instance.controller.js';
import { PersonalData } from './personal-data.js';
import type { ServiceEnv } from './service-env.js';

export const REDIS = Symbol('REDIS');
export const SERVICE_ENV = Symbol('SERVICE_ENV');

export interface ServiceCoreOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: Array<new () => MigrationInterface>;
}

/**
 * What every service has: logs/health/metrics, its Postgres schema, durable messaging, the audit
 * trail and its administrator's view, the auth guard, Redis, and the `<service>.instance.describe`
 * command.
 */
@Global()
@Module({})
export class ServiceCoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    health: HealthRegistry,
    dataSource: DataSource,
  ) {
    health.register('postgres', async () => {
      await dataSource.query('SELECT 1');
    });
    health.register('redis', async () => {
      if ((await redis.ping()) !== 'PONG') throw new Error('unexpected PING reply');
    });
  }

  static forRoot(env: ServiceEnv, options: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        ObservabilityModule.forRoot({ service: env.service, level: env.LOG_LEVEL }),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: env.DATABASE_URL,
            schema: env.DB_SCHEMA,
            entities: options.entities,
            migrations: options.migrations,
            applicationName: env.service,
            poolSize: env.DB_POOL_SIZE,
          }),
        ),
        MessagingModule.forRoot({
          service: env.service,
          namespace: env.namespace,
          servers: env.NATS_URL,
          tls: env.natsTls,
          schema: env.DB_SCHEMA,
          retention: { outboxDays: env.OUTBOX_RETENTION_DAYS },
        }),
        AuditModule.forRoot({
          schema: env.DB_SCHEMA,
          instanceDivision: env.INSTANCE_DIVISION,
          retentionDays: env.AUDIT_RETENTION_DAYS,
          currentRequestId: () => requestContext.current()?.requestId,
        }),
        AuthModule.forRoot({
          issuer: env.AUTH_ISSUER,
          audience: env.AUTH_AUDIENCE,
          jwksUrl: env.AUTH_JWKS_URL,
          publicKeyFile: env.AUTH_PUBLIC_KEY_FILE,
        }),
      ],
      controllers: [describeInstanceController(env), AuditRecordsHttpController],
      providers: [
        { provide: SERVICE_ENV, useValue: env },
        { provide: AccessAuditor, useClass: AuditAccessAuditor },
        {
          provide: FieldCipher,
          useFactory: () =>
            new FieldCipher(
              keyringFromEnv(env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_ACTIVE_KEY),
            ),
        },
        {
          provide: LookupHasher,
          useFactory: () => new LookupHasher(Buffer.from(env.LOOKUP_HASH_KEY, 'base64')),
        },
        PersonalData,
        {
          provide: REDIS,
          useFactory: () =>
            new Redis(env.REDIS_URL, {
              ...(env.REDIS_TLS_CA_FILE
                ? { tls: { ca: readFileSync(env.REDIS_TLS_CA_FILE) } }
                : {}),
              lazyConnect: false,
              maxRetriesPerRequest: 2,
              connectionName: env.service,
            }),
        },
      ],
      exports: [REDIS, SERVICE_ENV, AccessAuditor, FieldCipher, LookupHasher, PersonalData],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
