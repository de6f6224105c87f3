import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPKCS8 } from 'jose';
import pg from 'pg';
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
// exactly what the launcher runs. src/ and dist/ are at the same depth: the path holds for both.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { NatsNetwork } from '../../../tools/network/nats-network.mjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { parentOf, type LocalPorts } from '../../../tools/network/nats-config.mjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  NETWORK_DIVISIONS,
  instanceEnv,
  makeSecrets,
} from '../../../tools/network/network-plan.mjs';

export const PROVINCE = '510000';
export const CITY = '510100';
export const COUNTY = '510104';

/** The services a network instance can run (no identity: tokens are signed here). */
export const THREE_TIER_SERVICES = [
  { name: 'complaint-intake', portVariable: 'COMPLAINT_INTAKE_PORT' },
  { name: 'petition', portVariable: 'PETITION_PORT' },
  { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT' },
  { name: 'statistics', portVariable: 'STATISTICS_PORT' },
] as const;
export type ThreeTierService = (typeof THREE_TIER_SERVICES)[number]['name'];

export interface Staff {
  role: Role | Role[];
  division: string;
  organ?: string;
}

/** What stands between a child's leafnode remote and its parent's listener (e.g. a fault proxy). */
export interface LeafLink {
  /** The port the child dials instead of the listener. */
  readonly port: number;
  stop(): Promise<void>;
}

export interface ThreeTierNetworkOptions {
  /** The services every instance runs, started in this order (default: all of them). */
  services?: readonly ThreeTierService[];
  /** Env added to every service of every instance. */
  env?: Record<string, string>;
  /** Names the temporary directory and prefixes the schemas (default `e2e`). */
  label?: string;
  /** Keep the services' logs after stop() (default: when E2E_KEEP_LOGS is set). */
  keepLogs?: boolean;
  /**
   * Called once per link before any NATS server starts; the parent's listener then advertises
   * the returned link's port to its child (one child per parent in this network), and stop()
   * stops the link after the servers. `listener` is only known once the servers' ports are.
   */
  leafLink?: (link: {
    child: string;
    parent: string;
    listener: () => { host: string; port: number };
  }) => Promise<LeafLink | undefined>;
}

interface Instance {
  processes: Map<ThreeTierService, ServiceProcess>;
  schemas: Map<ThreeTierService, TestSchema>;
}

/**
 * The local three-tier network (province 510000, city 510100, county 510104) as real processes:
 * each instance its own nats-server (leafnodes, JetStream domain = division) on free ports, its
 * own Postgres schemas, Redis database, field keys and HTTP ports; one secret per link — as
 * `npm run up:network` starts it (tools/network). The shared NATS server is never touched.
 */
export class ThreeTierNetwork {
  readonly dir: string;
  readonly logDir: string;
  readonly secrets = makeSecrets(NETWORK_DIVISIONS);
  private readonly services: (typeof THREE_TIER_SERVICES)[number][];
  private readonly schemaPrefix: string;
  private readonly instances = new Map<string, Instance>();
  private readonly links: LeafLink[] = [];
  private readonly taken = new Set<number>();
  private pool?: pg.Pool;
  nats!: NatsNetwork;
  keys!: TestKeys;

  constructor(private readonly options: ThreeTierNetworkOptions = {}) {
    const label = options.label ?? 'e2e';
    this.dir = mkdtempSync(join(tmpdir(), `minsheng-network-${label}-`));
    this.logDir = join(this.dir, 'logs');
    this.schemaPrefix = `${label}_${uniqueSuffix()}_`;
    const names = options.services ?? THREE_TIER_SERVICES.map((s) => s.name);
    this.services = names.map((name) => THREE_TIER_SERVICES.find((s) => s.name === name)!);
  }

  /**
   * @param settings per service, on every instance (e.g. a short statistics interval)
   */
  async start(settings: Partial<Record<ThreeTierService, Record<string, string>>> = {}) {
    this.keys = await TestKeys.create();
    const ports = new Map<string, LocalPorts>();
    const advertised = new Map<string, number>();
    for (const child of NETWORK_DIVISIONS) {
      const parent = NETWORK_DIVISIONS.find((d) => d !== child && parentOf(child) === d);
      if (!parent || !this.options.leafLink) continue;
      const link = await this.options.leafLink({
        child,
        parent,
        listener: () => ({ host: '127.0.0.1', port: ports.get(parent)!.leaf }),
      });
      if (!link) continue;
      this.links.push(link);
      this.taken.add(link.port);
      advertised.set(parent, link.port);
    }
    for (const division of NETWORK_DIVISIONS) {
      const leafAdvertised = advertised.get(division);
      ports.set(division, {
        nats: await this.freePort(),
        natsHttp: await this.freePort(),
        leaf: await this.freePort(),
        ...(leafAdvertised ? { leafAdvertised } : {}),
      });
    }
    this.nats = new NatsNetwork(NETWORK_DIVISIONS, join(this.dir, 'nats'), (d) => ports.get(d)!);
    await this.nats.start();
    const { databaseUrl, redisUrl } = backingServices();
    const auth = this.keys.env();
    for (const [index, nats] of this.nats.instances.entries()) {
      const instance: Instance = { processes: new Map(), schemas: new Map() };
      this.instances.set(nats.division, instance);
      const servicePorts = new Map<string, number>();
      for (const s of this.services) servicePorts.set(s.name, await this.freePort());
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
          // A dozen processes share two cores: a lagging event loop here is the machine, not
          // overload. Shedding is tested on its own (libs/runtime, the resilience suite).
          OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
          JITSI_APP_SECRET: 'e2e-jitsi-secret-for-join-links-0123456789abcdef',
          AUTH_PUBLIC_KEY_FILE: auth.AUTH_PUBLIC_KEY_FILE,
          AUTH_ISSUER: auth.AUTH_ISSUER,
          AUTH_AUDIENCE: auth.AUTH_AUDIENCE,
          FEDERATION_RELAY_POLL_MS: '50',
          ...this.options.env,
        },
      });
      // Migrations of one instance side by side; the services start one at a time below.
      // Settled, not all: a failed migration must not leave the others running past stop().
      const migrated = await Promise.allSettled(
        this.services.map(async (service) => {
          const env = { ...envOf(service), ...settings[service.name] };
          // Attached first, so that stop() drops the schema of a migration that failed too.
          instance.schemas.set(service.name, await TestSchema.attach(env.DB_SCHEMA));
          await ServiceProcess.migrate(service.name, env);
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
      const failed = migrated.find((m) => m.status === 'rejected');
      if (failed) throw failed.reason;
    }
    // One at a time: Node processes starting together on two cores slow each other down.
    for (const division of NETWORK_DIVISIONS) {
      for (const service of this.services) await this.process(division, service.name).start();
    }
  }

  process(division: string, service: ThreeTierService): ServiceProcess {
    const found = this.instance(division).processes.get(service);
    if (!found) throw new Error(`no ${service} at ${division}`);
    return found;
  }

  schema(division: string, service: ThreeTierService): TestSchema {
    const found = this.instance(division).schemas.get(service);
    if (!found) throw new Error(`no ${service} at ${division}`);
    return found;
  }

  /** One instance's service schema, quoted, for SQL that spans schemas (see query()). */
  quotedSchema(division: string, service: ThreeTierService): string {
    return `"${this.schema(division, service).name}"`;
  }

  url(division: string, service: ThreeTierService): string {
    return this.process(division, service).baseUrl;
  }

  /** SQL across the network's schemas, tables named with quotedSchema(). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: backingServices().databaseUrl, max: 3 });
      this.pool.on('error', () => undefined);
    }
    return (await this.pool.query(sql, params)).rows as T[];
  }

  /** Leafnode connections of one instance's nats-server, as its monitoring port reports them. */
  async leafLinks(division: string): Promise<number> {
    const { natsHttp } = this.nats.instance(division).ports;
    const body = (await (await fetch(`http://127.0.0.1:${natsHttp}/leafz`)).json()) as {
      leafnodes?: number;
    };
    return body.leafnodes ?? 0;
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
      // A load may hold one token for longer than the default 15 minutes.
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, expiresIn: '2h' },
    );
  }

  /** Stops every process, NATS server and link this network started, drops its schemas and files. */
  async stop(): Promise<void> {
    const all = [...this.instances.values()];
    await Promise.all(all.flatMap((i) => [...i.processes.values()].map((p) => p.kill('SIGTERM'))));
    await this.nats?.stop();
    await Promise.all(this.links.map((link) => link.stop()));
    await Promise.all(
      all.flatMap((i) => [...i.schemas.values()].map((s) => s.drop().catch(() => undefined))),
    );
    await this.pool?.end().catch(() => undefined);
    if (this.options.keepLogs ?? Boolean(process.env.E2E_KEEP_LOGS)) {
      rmSync(join(this.dir, 'nats'), { recursive: true, force: true });
      process.stderr.write(`three-tier network logs kept in ${this.logDir}\n`);
    } else {
      rmSync(this.dir, { recursive: true, force: true });
    }
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

  private instance(division: string): Instance {
    const found = this.instances.get(division);
    if (!found) throw new Error(`no instance ${division} in this network`);
    return found;
  }
}
