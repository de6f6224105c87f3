import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPKCS8 } from 'jose';
import type { Role } from '@minsheng/contracts';
import { signAccessToken } from '@minsheng/auth';
import {
  TEST_AUDIENCE,
  TEST_ISSUER,
  backingServices,
  freePort,
  ServiceProcess,
  TestKeys,
  TestSchema,
  uniqueSuffix,
} from '@minsheng/testing';
// The network's NATS configs, ports and per-instance env come from the generator `npm run
// up:network` uses (tools/network, plain .mjs with .d.mts types; not a lib), so the tests run
// exactly what the launcher runs.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { NatsNetwork } from '../../../tools/network/nats-network.mjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  NETWORK_DIVISIONS,
  instanceEnv,
  makeSecrets,
} from '../../../tools/network/network-plan.mjs';

export const PROVINCE = '510000';
export const CITY = '510100';
export const COUNTY = '510104';

/** The services of one instance a network test runs (no identity: tokens are signed here). */
export const NETWORK_SERVICES = [
  { name: 'complaint-intake', portVariable: 'COMPLAINT_INTAKE_PORT' },
  { name: 'petition', portVariable: 'PETITION_PORT' },
  { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT' },
  { name: 'statistics', portVariable: 'STATISTICS_PORT' },
] as const;
export type NetworkServiceName = (typeof NETWORK_SERVICES)[number]['name'];

export interface Staff {
  role: Role | Role[];
  division: string;
  organ?: string;
}

interface Instance {
  division: string;
  processes: Map<NetworkServiceName, ServiceProcess>;
  schemas: Map<NetworkServiceName, TestSchema>;
}

/**
 * The local three-tier network (province 510000, city 510100, county 510104) as real processes:
 * each instance its own nats-server (leafnodes, JetStream domain = division) on free ports, its
 * own Postgres schemas, Redis database, field keys and HTTP ports; one secret per link — as
 * `npm run up:network` starts it (tools/network). The shared NATS server is never touched.
 */
export class ThreeTierNetwork {
  readonly dir = mkdtempSync(join(tmpdir(), 'minsheng-network-e2e-'));
  readonly logDir = join(this.dir, 'logs');
  readonly secrets = makeSecrets(NETWORK_DIVISIONS);
  private readonly schemaPrefix = `e2e_${uniqueSuffix()}_`;
  private readonly instances = new Map<string, Instance>();
  nats!: NatsNetwork;
  keys!: TestKeys;

  /**
   * @param settings per service, on every instance (e.g. a short statistics interval)
   */
  async start(settings: Partial<Record<NetworkServiceName, Record<string, string>>> = {}) {
    this.keys = await TestKeys.create();
    const ports: { nats: number; natsHttp: number; leaf: number }[] = [];
    for (const _division of NETWORK_DIVISIONS) {
      ports.push({
        nats: await this.freePort(),
        natsHttp: await this.freePort(),
        leaf: await this.freePort(),
      });
    }
    this.nats = new NatsNetwork(NETWORK_DIVISIONS, join(this.dir, 'nats'), (_d, i) => ports[i]);
    await this.nats.start();
    const { databaseUrl, redisUrl } = backingServices();
    const auth = this.keys.env();
    for (const [index, nats] of this.nats.instances.entries()) {
      const instance: Instance = {
        division: nats.division,
        processes: new Map(),
        schemas: new Map(),
      };
      this.instances.set(nats.division, instance);
      const servicePorts = new Map<string, number>();
      for (const s of NETWORK_SERVICES) servicePorts.set(s.name, await this.freePort());
      const envOf = instanceEnv({
        instance: nats,
        index,
        portOf: (service: { name: string }) => servicePorts.get(service.name)!,
        backing: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
        secrets: this.secrets,
        schemaPrefix: this.schemaPrefix,
        common: {
          NODE_ENV: 'development',
          LOG_LEVEL: 'info',
          SHUTDOWN_TIMEOUT_MS: '10000',
          // Twelve processes share two cores: a lagging event loop here is the machine, not
          // overload. Shedding is tested on its own (libs/runtime, the resilience suite).
          OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
          JITSI_APP_SECRET: 'e2e-jitsi-secret-for-join-links-0123456789abcdef',
          AUTH_PUBLIC_KEY_FILE: auth.AUTH_PUBLIC_KEY_FILE,
          AUTH_ISSUER: auth.AUTH_ISSUER,
          AUTH_AUDIENCE: auth.AUTH_AUDIENCE,
          FEDERATION_RELAY_POLL_MS: '50',
        },
      });
      // Migrations of one instance side by side; the services start one at a time below.
      await Promise.all(
        NETWORK_SERVICES.map(async (service) => {
          const env = { ...envOf(service), ...settings[service.name] };
          await ServiceProcess.migrate(service.name, env);
          instance.schemas.set(service.name, await TestSchema.attach(env.DB_SCHEMA));
          instance.processes.set(
            service.name,
            new ServiceProcess(
              service.name,
              servicePorts.get(service.name)!,
              env,
              join(this.logDir, `${nats.division}-${service.name}.log`),
            ),
          );
        }),
      );
    }
    // One at a time: Node processes starting together on two cores slow each other down.
    for (const instance of this.instances.values()) {
      for (const service of NETWORK_SERVICES) await instance.processes.get(service.name)!.start();
    }
  }

  process(division: string, service: NetworkServiceName): ServiceProcess {
    return this.instance(division).processes.get(service)!;
  }

  schema(division: string, service: NetworkServiceName): TestSchema {
    return this.instance(division).schemas.get(service)!;
  }

  url(division: string, service: NetworkServiceName): string {
    return this.process(division, service).baseUrl;
  }

  /** A staff token valid on every instance (all trust the same test issuer), with an organ claim. */
  async token(staff: Staff): Promise<string> {
    const key = await importPKCS8(readFileSync(this.keys.privateKeyFile, 'utf8'), 'ES256');
    const roles = Array.isArray(staff.role) ? staff.role : [staff.role];
    return signAccessToken(
      key,
      {
        userId: `${roles.join('+')}@${staff.organ ?? staff.division}`,
        roles,
        divisionCode: staff.division,
        ...(staff.organ ? { organId: staff.organ } : {}),
      },
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
    );
  }

  /** Stops every process and NATS server this network started, drops its schemas and files. */
  async stop(): Promise<void> {
    const all = [...this.instances.values()];
    await Promise.all(all.flatMap((i) => [...i.processes.values()].map((p) => p.kill('SIGTERM'))));
    await this.nats?.stop();
    await Promise.all(all.flatMap((i) => [...i.schemas.values()].map((s) => s.drop())));
    // E2E_KEEP_LOGS=1 keeps the services' and NATS servers' logs for a look after a failure.
    if (process.env.E2E_KEEP_LOGS) {
      rmSync(join(this.dir, 'nats'), { recursive: true, force: true });
      process.stderr.write(`three-tier network logs kept in ${this.logDir}\n`);
    } else {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private readonly taken = new Set<number>();

  /** A free port not handed out before: the OS may offer a port again until someone binds it. */
  private async freePort(): Promise<number> {
    for (;;) {
      const port = await freePort();
      if (!this.taken.has(port)) {
        this.taken.add(port);
        return port;
      }
    }
  }

  private instance(division: string): Instance {
    const found = this.instances.get(division);
    if (!found) throw new Error(`no instance ${division} in this network`);
    return found;
  }
}
