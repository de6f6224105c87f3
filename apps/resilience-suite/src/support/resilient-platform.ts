import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPKCS8 } from 'jose';
import pg from 'pg';
import { signAccessToken } from '@minsheng/auth';
import type { Role } from '@minsheng/contracts';
import {
  ServiceProcess,
  TEST_AUDIENCE,
  TEST_ISSUER,
  TestKeys,
  backingServices,
  freePort,
  testNamespace,
  uniqueSuffix,
} from '@minsheng/testing';
import { FaultProxy } from './fault-proxy.js';
import { PrivateNats } from './private-nats.js';
import { PrivatePostgres } from './private-postgres.js';

export type ServiceName = 'text-analyser' | 'complaint-intake' | 'petition';
const PORT_VARIABLES: Record<ServiceName, string> = {
  'text-analyser': 'TEXT_ANALYSER_PORT',
  'complaint-intake': 'COMPLAINT_INTAKE_PORT',
  petition: 'PETITION_PORT',
};
/** Has no schema to migrate. */
const STATELESS: ReadonlySet<ServiceName> = new Set(['text-analyser']);

export const FAKETIME_LIBRARY = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/**
 * complaint-intake and petition, with the text-analyser petition asks, as real processes, on a
 * private Postgres and nats-server reached through fault proxies. Only Redis is shared (never
 * faulted; keys are namespaced per suite).
 */
export class ResilientPlatform {
  readonly postgres!: PrivatePostgres;
  readonly nats!: PrivateNats;
  readonly pgProxy = new FaultProxy(() => ({ host: '127.0.0.1', port: this.postgres.port }));
  readonly natsProxy = new FaultProxy(() => ({ host: '127.0.0.1', port: this.nats.port }));
  readonly processes = new Map<ServiceName, ServiceProcess>();
  readonly namespace = testNamespace();
  readonly logDir = join(tmpdir(), `minsheng-resilience-${uniqueSuffix()}`);
  db!: pg.Pool;
  private keys!: TestKeys;

  async start(): Promise<void> {
    const [postgres, nats] = await Promise.all([PrivatePostgres.start(), PrivateNats.start()]);
    Object.assign(this, { postgres, nats });
    await Promise.all([this.pgProxy.start(), this.natsProxy.start()]);
    this.keys = await TestKeys.create();
    // The suite's own reads go straight to Postgres, not through the faulty link.
    this.db = new pg.Pool({
      connectionString: this.postgres.url(),
      max: 4,
      connectionTimeoutMillis: 5_000,
      query_timeout: 30_000,
    });
    this.db.on('error', () => undefined);
    for (const name of ['text-analyser', 'complaint-intake', 'petition'] as const) {
      const env = this.env(name);
      if (!STATELESS.has(name)) {
        await ServiceProcess.migrate(name, { ...env, DATABASE_URL: this.postgres.url() });
      }
      const port = await freePort();
      const process = new ServiceProcess(
        name,
        port,
        { ...env, [PORT_VARIABLES[name]]: String(port) },
        join(this.logDir, `${name}.log`),
      );
      this.processes.set(name, process);
      await process.start();
    }
  }

  process(name: ServiceName): ServiceProcess {
    return this.processes.get(name)!;
  }

  /** A staff token for an organ (the workflow checks the organ as well as the role). */
  async token(role: Role, divisionCode: string, organId: string): Promise<string> {
    const key = await importPKCS8(await readFile(this.keys.privateKeyFile, 'utf8'), 'ES256');
    return signAccessToken(
      key,
      { userId: `resilience-${role}-${organId}`, roles: [role], divisionCode, organId },
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, expiresIn: '2h' },
    );
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.kill('SIGKILL')));
    await this.db?.end().catch(() => undefined);
    await Promise.all([this.pgProxy.stop(), this.natsProxy.stop()]);
    await Promise.all([this.postgres?.destroy(), this.nats?.destroy()]);
  }

  private env(name: ServiceName): Record<string, string> {
    return {
      NODE_ENV: 'development',
      DATABASE_URL: this.postgres.url('minsheng', this.pgProxy.port),
      NATS_URL: `nats://127.0.0.1:${this.natsProxy.port}`,
      REDIS_URL: backingServices().redisUrl,
      NATS_NAMESPACE: this.namespace,
      DB_SCHEMA: name.replace(/-/g, '_'),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '5000',
      // One load generator sends everything with a few ID numbers and no captcha.
      CAPTCHA_REQUIRED: 'false',
      RATE_LIMITS_ENABLED: 'false',
      // As deployed (tools/dev/workspace.mjs, DEPLOYED_SETTINGS): petition asks the
      // text-analyser, which a fault may kill too.
      TEXT_ANALYSIS: 'service',
      ...this.keys.env(),
    };
  }
}
