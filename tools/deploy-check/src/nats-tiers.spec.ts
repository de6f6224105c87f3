// The rendered NATS configurations, run for real: each is accepted by nats-server, and the three
// tiers started together on loopback (hosts, ports and paths rewritten) form the leafnode chain
// county → city → province, with every tier's JetStream reachable under its own domain.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DOCKER_DIR, renderedFile } from './paths.js';
import { TIERS, type Tier } from './tiers.js';
import { parseKubeObjects } from './yaml-documents.js';

// Debian's nats-server: on every machine of this project (the backing services use it).
const NATS_SERVER =
  ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find(existsSync) ?? 'nats-server';

/** From the committed render, which overlays.spec.ts holds equal to the overlay's render. */
function natsConfig(tier: Tier): { nats: string; tier: string } {
  const file = renderedFile(tier.name);
  const configMap = parseKubeObjects(readFileSync(file, 'utf8'), file).find(
    (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('nats-config-'),
  );
  const data = configMap?.data as Record<string, string>;
  return { nats: data['nats.conf'], tier: data['tier.conf'] };
}

function writeConfig(dir: string, nats: string, tier: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'nats.conf'), nats);
  writeFileSync(join(dir, 'tier.conf'), tier.replace('/data/jetstream', join(dir, 'jetstream')));
  return join(dir, 'nats.conf');
}

const testConfig = (file: string) =>
  spawnSync(NATS_SERVER, ['-c', file, '-t'], { encoding: 'utf8' });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the NATS configuration of each tier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-check-nats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(TIERS)('is accepted by nats-server (Kubernetes, $name)', (tier) => {
    const { nats, tier: tierConf } = natsConfig(tier);
    const result = testConfig(writeConfig(join(dir, `k8s-${tier.name}`), nats, tierConf));
    expect(`${result.stdout}${result.stderr}`).toMatch(/is valid/);
  });

  it.each(['standalone', 'province', 'city', 'county'])(
    'is accepted by nats-server (Compose, %s)',
    (name) => {
      const read = (file: string) => readFileSync(join(DOCKER_DIR, 'nats', file), 'utf8');
      const result = testConfig(
        writeConfig(join(dir, `compose-${name}`), read('nats.conf'), read(`${name}.conf`)),
      );
      expect(`${result.stdout}${result.stderr}`).toMatch(/is valid/);
    },
  );
});

describe('the three tiers started together', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-check-chain-'));
  const servers: ChildProcess[] = [];
  const ports = new Map<string, { client: number; http: number; leaf: number }>();

  beforeAll(async () => {
    // Nine distinct ports: the OS may hand out a port it just gave, once its listener is closed.
    const taken = new Set<number>();
    const distinctPort = async () => {
      let port = await freePort();
      while (taken.has(port)) port = await freePort();
      taken.add(port);
      return port;
    };
    for (const tier of TIERS) {
      ports.set(tier.division, {
        client: await distinctPort(),
        http: await distinctPort(),
        leaf: await distinctPort(),
      });
    }
    for (const tier of TIERS) {
      const own = ports.get(tier.division)!;
      const { nats, tier: tierConf } = natsConfig(tier);
      let local = tierConf
        .replace(/max_file_store: \d+GB/, 'max_file_store: 64MB')
        .replace('"0.0.0.0:7422"', `"127.0.0.1:${own.leaf}"`);
      if (tier.parent) {
        local = local.replace(
          `nats-leaf.${tier.parent}.minsheng.example:7422`,
          `127.0.0.1:${ports.get(tier.parent)!.leaf}`,
        );
      }
      const file = writeConfig(
        join(dir, tier.name),
        nats
          .replace('port: 4222', `port: ${own.client}`)
          .replace('http_port: 8222', `http_port: ${own.http}`),
        local,
      );
      servers.push(spawn(NATS_SERVER, ['-c', file], { stdio: 'ignore' }));
    }
    // Leafnode remotes retry every second: wait until the city sees both its links.
    const leafs = async (division: string) =>
      fetch(`http://127.0.0.1:${ports.get(division)!.http}/leafz`)
        .then((r) => r.json() as Promise<{ leafnodes: number }>)
        .then(
          (body) => body.leafnodes,
          () => -1,
        );
    // On a machine busy with other suites a server can take seconds to start and dial.
    const deadline = Date.now() + 40_000;
    const linked = async () =>
      (await leafs('510100')) >= 2 && (await leafs('510000')) >= 1 && (await leafs('510104')) >= 1;
    while (Date.now() < deadline && !(await linked())) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 45_000);

  afterAll(async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise((resolve) => {
            if (server.exitCode !== null) return resolve(undefined);
            server.once('exit', resolve);
            server.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('link county → city → province as leafnodes', async () => {
    const leafz = async (division: string) =>
      (await (await fetch(`http://127.0.0.1:${ports.get(division)!.http}/leafz`)).json()) as {
        leafnodes: number;
      };
    expect((await leafz('510000')).leafnodes).toBe(1); // the city
    expect((await leafz('510100')).leafnodes).toBe(2); // the province above, the county below
    expect((await leafz('510104')).leafnodes).toBe(1); // the city
  });

  it("reach every tier's JetStream from the province, each under its own domain", async () => {
    const nc = await connect({ servers: `nats://127.0.0.1:${ports.get('510000')!.client}` });
    try {
      const domains: string[] = [];
      for (const tier of TIERS) {
        const info = await (await jetstreamManager(nc, { domain: tier.division })).getAccountInfo();
        domains.push(String(info.domain));
      }
      expect(domains).toEqual(['510000', '510100', '510104']);
    } finally {
      await nc.close();
    }
  });
});
