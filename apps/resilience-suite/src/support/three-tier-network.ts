import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
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
  uniqueSuffix,
} from '@minsheng/testing';
// The NATS configs, ports and per-instance env come from the generator `npm run up:network` uses
// (tools/network, plain .mjs with .d.mts types; not a lib), as apps/platform-e2e's network does:
// the suite cuts the link of the network the launcher runs.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { NatsNetwork } from '../../../../tools/network/nats-network.mjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  NETWORK_DIVISIONS,
  instanceEnv,
  makeSecrets,
} from '../../../../tools/network/network-plan.mjs';
import { FaultProxy } from './fault-proxy.js';

export const PROVINCE = '510000';
export const CITY = '510100';
export const COUNTY = '510104';

/** What a complaint needs on its way down and its status on the way back (no statistics). */
const SERVICES = [
  { name: 'complaint-intake', portVariable: 'COMPLAINT_INTAKE_PORT' },
  { name: 'petition', portVariable: 'PETITION_PORT' },
  { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT' },
] as const;
export type NetworkService = (typeof SERVICES)[number]['name'];

/**
 * The three-tier network (province 510000, city 510100, county 510104) as real processes, each
 * instance with its own nats-server (leafnodes, JetStream domain = division), Postgres schemas,
 * Redis database, keys and ports, as `npm run up:network` runs it — except that the county reaches
 * the city's leafnode listener through a FaultProxy (`countyLink`), so the link itself can be cut
 * while both servers keep running. Postgres, Redis and the machine's NATS are the shared ones and
 * are never faulted; the network's own nats-servers are.
 */
export class ThreeTierNetwork {
  readonly dir = mkdtempSync(join(tmpdir(), 'minsheng-resilience-network-'));
  readonly logDir = join(this.dir, 'logs');
  /** The county ↔ city leafnode link: the city advertises it, the county dials it. */
  readonly countyLink: FaultProxy;
  nats!: NatsNetwork;
  db!: pg.Pool;
  private readonly secrets = makeSecrets(NETWORK_DIVISIONS);
  private readonly schemaPrefix = `res_${uniqueSuffix()}_`;
  private readonly processes = new Map<string, ServiceProcess>();
  private readonly schemas: string[] = [];
  private readonly taken = new Set<number>();
  private cityLeafPort = 0;
  private keys!: TestKeys;

  constructor() {
    this.countyLink = new FaultProxy(() => ({ host: '127.0.0.1', port: this.cityLeafPort }));
  }

  async start(): Promise<void> {
    this.keys = await TestKeys.create();
    await this.countyLink.start();
    this.taken.add(this.countyLink.port);
    const ports: { nats: number; natsHttp: number; leaf: number; leafAdvertised?: number }[] = [];
    for (const division of NETWORK_DIVISIONS) {
      ports.push({
        nats: await this.freePort(),
        natsHttp: await this.freePort(),
        leaf: await this.freePort(),
        ...(division === CITY ? { leafAdvertised: this.countyLink.port } : {}),
      });
    }
    this.cityLeafPort = ports[NETWORK_DIVISIONS.indexOf(CITY)]!.leaf;
    this.nats = new NatsNetwork(NETWORK_DIVISIONS, join(this.dir, 'nats'), (_d, i) => ports[i]!);
    await this.nats.start();

    const { databaseUrl, redisUrl } = backingServices();
    this.db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    this.db.on('error', () => undefined);
    const auth = this.keys.env();
    for (const [index, instance] of this.nats.instances.entries()) {
      const servicePorts = new Map<string, number>();
      for (const s of SERVICES) servicePorts.set(s.name, await this.freePort());
      const envOf = instanceEnv({
        instance,
        index,
        portOf: (service) => servicePorts.get(service.name)!,
        backing: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
        secrets: this.secrets,
        schemaPrefix: this.schemaPrefix,
        common: {
          NODE_ENV: 'development',
          LOG_LEVEL: 'info',
          SHUTDOWN_TIMEOUT_MS: '10000',
          // Nine processes share two cores: a lagging event loop here is the machine, not overload.
          OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
          // One load generator sends everything, without a captcha.
          CAPTCHA_REQUIRED: 'false',
          RATE_LIMITS_ENABLED: 'false',
          JITSI_APP_SECRET: 'resilience-jitsi-secret-for-join-links-0123456789abcdef',
          AUTH_PUBLIC_KEY_FILE: auth.AUTH_PUBLIC_KEY_FILE!,
          AUTH_ISSUER: auth.AUTH_ISSUER!,
          AUTH_AUDIENCE: auth.AUTH_AUDIENCE!,
          FEDERATION_RELAY_POLL_MS: '50',
        },
      });
      // Settled, not all: a failed migration must not leave the others running past stop().
      const migrated = await Promise.allSettled(
        SERVICES.map(async (service) => {
          const env = envOf(service);
          this.schemas.push(env.DB_SCHEMA!);
          await ServiceProcess.migrate(service.name, env);
          this.processes.set(
            `${instance.division}/${service.name}`,
            new ServiceProcess(
              service.name,
              servicePorts.get(service.name)!,
              env,
              join(this.logDir, `${instance.division}-${service.name}.log`),
            ),
          );
        }),
      );
      const failed = migrated.find((m) => m.status === 'rejected');
      if (failed) throw failed.reason;
    }
    // One at a time: Node processes starting together on two cores slow each other down.
    for (const division of NETWORK_DIVISIONS) {
      for (const service of SERVICES) await this.process(division, service.name).start();
    }
  }

  process(division: string, service: NetworkService): ServiceProcess {
    const found = this.processes.get(`${division}/${service}`);
    if (!found) throw new Error(`no ${service} at ${division}`);
    return found;
  }

  url(division: string, service: NetworkService): string {
    return this.process(division, service).baseUrl;
  }

  /** The schema of one instance's service, quoted for SQL. */
  schema(division: string, service: NetworkService): string {
    return `"${this.schemaPrefix}${service.replace(/-/g, '_')}_${division}"`;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  /** Leafnode connections of one instance's nats-server, as its monitoring port reports them. */
  async leafLinks(division: string): Promise<number> {
    const { natsHttp } = this.nats.instance(division).ports;
    const body = (await (await fetch(`http://127.0.0.1:${natsHttp}/leafz`)).json()) as {
      leafnodes?: number;
    };
    return body.leafnodes ?? 0;
  }

  /** A staff token every instance accepts (all trust the same test issuer). */
  async token(role: Role, divisionCode: string, organId: string): Promise<string> {
    const key = await importPKCS8(readFileSync(this.keys.privateKeyFile, 'utf8'), 'ES256');
    return signAccessToken(
      key,
      { userId: `resilience-${role}-${organId}`, roles: [role], divisionCode, organId },
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, expiresIn: '2h' },
    );
  }

  /** Stops everything this network started and drops its schemas; the services' logs stay. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.kill('SIGTERM')));
    await this.nats?.stop();
    await this.countyLink.stop();
    for (const schema of this.schemas) {
      await this.db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    }
    await this.db?.end().catch(() => undefined);
    rmSync(join(this.dir, 'nats'), { recursive: true, force: true });
  }

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
}
