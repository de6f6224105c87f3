import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  backingServices,
  freePort,
  ServiceProcess,
  TestKeys,
  TestSchema,
  testNamespace,
  uniqueSuffix,
} from '@minsheng/testing';

export const SERVICES = [
  { name: 'identity', portVariable: 'IDENTITY_PORT' },
  { name: 'complaint-intake', portVariable: 'COMPLAINT_INTAKE_PORT' },
  // No schema; started before petition, which asks it whenever it runs too (as deployed).
  { name: 'text-analyser', portVariable: 'TEXT_ANALYSER_PORT', stateless: true },
  { name: 'petition', portVariable: 'PETITION_PORT' },
  { name: 'video-reception', portVariable: 'VIDEO_RECEPTION_PORT' },
  { name: 'statistics', portVariable: 'STATISTICS_PORT' },
  { name: 'leader-message', portVariable: 'LEADER_MESSAGE_PORT' },
  { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT' },
] as const;
export type ServiceName = (typeof SERVICES)[number]['name'];

/**
 * The whole platform as real processes on free ports, in schemas and a NATS namespace of its own,
 * so it runs beside a developer's `npm run up`.
 */
export class Platform {
  readonly processes = new Map<ServiceName, ServiceProcess>();
  readonly schemas = new Map<ServiceName, TestSchema>();
  readonly namespace = testNamespace();
  readonly logDir = join(tmpdir(), `minsheng-e2e-${uniqueSuffix()}`);
  keys!: TestKeys;
  identityUrl?: string;

  async start(
    names: readonly ServiceName[] = SERVICES.map((s) => s.name),
    /** Settings of single services, e.g. a wider check-in window for a test run at any hour. */
    settings: Partial<Record<ServiceName, Record<string, string>>> = {},
  ): Promise<void> {
    this.keys = await TestKeys.create();
    const suffix = uniqueSuffix();
    await Promise.all(
      names.map(async (name) => {
        const service: { portVariable: string; stateless?: boolean } = SERVICES.find(
          (s) => s.name === name,
        )!;
        const schema = `e2e_${suffix}_${name.replace(/-/g, '_')}`;
        const env = { ...this.baseEnv(), DB_SCHEMA: schema };
        if (!service.stateless) {
          await ServiceProcess.migrate(name, env);
          this.schemas.set(name, await TestSchema.attach(schema));
        }
        const port = await freePort();
        const asDeployed: Record<string, string> =
          name === 'petition' && names.includes('text-analyser')
            ? { TEXT_ANALYSIS: 'service' }
            : {};
        const processEnv = {
          ...env,
          ...asDeployed,
          ...settings[name],
          [service.portVariable]: String(port),
        };
        if (name === 'identity') this.identityUrl = `http://127.0.0.1:${port}`;
        this.processes.set(
          name,
          new ServiceProcess(name, port, processEnv, join(this.logDir, `${name}.log`)),
        );
      }),
    );
    // Every service but identity trusts identity's JWKS, as in production.
    if (this.identityUrl) {
      for (const [name, process] of this.processes) {
        if (name !== 'identity' && name !== 'text-analyser')
          process.setEnv({ AUTH_JWKS_URL: `${this.identityUrl}/.well-known/jwks.json` });
      }
    }
    // One at a time: Node processes starting together on two cores slow each other down.
    for (const name of names) await this.processes.get(name)!.start();
  }

  /** The environment a service of this platform runs with (for its own CLI commands). */
  envOf(name: ServiceName): Record<string, string> {
    return { ...this.baseEnv(), DB_SCHEMA: this.schema(name).name };
  }

  process(name: ServiceName): ServiceProcess {
    return this.processes.get(name)!;
  }

  schema(name: ServiceName): TestSchema {
    return this.schemas.get(name)!;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.kill('SIGTERM')));
    await Promise.all([...this.schemas.values()].map((s) => s.drop()));
    const nc = await connect({ servers: backingServices().natsUrl });
    const jsm = await jetstreamManager(nc);
    const prefix = this.namespace.toUpperCase();
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(`${prefix}_`)) await jsm.streams.delete(stream.config.name);
    }
    await nc.close();
  }

  private baseEnv(): Record<string, string> {
    const { databaseUrl, natsUrl, redisUrl } = backingServices();
    return {
      // Not 'test': the services run with the configuration a developer's `npm run up` gives them.
      NODE_ENV: 'development',
      JITSI_APP_SECRET: 'e2e-jitsi-secret-for-join-links-0123456789abcdef',
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      REDIS_URL: redisUrl,
      NATS_NAMESPACE: this.namespace,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '10000',
      // Several processes start together on two cores; shedding is tested on its own.
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...this.keys.env(),
    };
  }
}
