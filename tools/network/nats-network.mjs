// Runs the NATS servers of a local network of instances (one nats-server process each, linked
// as leafnodes, each with its own JetStream domain), for the launcher, tests and benchmarks.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localNetwork } from './nats-config.mjs';

export const NATS_SERVER =
  ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find(existsSync) ?? 'nats-server';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class NatsNetwork {
  /**
   * @param {string[]} divisions parents before children
   * @param {string} dir working directory (configs, JetStream stores, logs)
   * @param {(division: string, index: number) => object} [portsOf]
   */
  constructor(divisions, dir, portsOf) {
    this.dir = dir;
    this.instances = localNetwork(divisions, (d) => join(dir, d, 'jetstream'), portsOf);
    this.servers = new Map();
  }

  instance(division) {
    const found = this.instances.find((i) => i.division === division);
    if (!found) throw new Error(`no instance ${division} in this network`);
    return found;
  }

  url(division) {
    return this.instance(division).natsUrl;
  }

  async start() {
    for (const { division } of this.instances) await this.startServer(division);
    await this.waitForLinks();
  }

  async startServer(division) {
    const instance = this.instance(division);
    const home = join(this.dir, division);
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'nats.conf'), instance.natsConf);
    writeFileSync(join(home, 'tier.conf'), instance.tierConf);
    const child = spawn(
      NATS_SERVER,
      ['-c', join(home, 'nats.conf'), '-l', join(home, 'nats.log')],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.servers.set(division, { child, exited });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`nats-server ${division} exited; see ${home}/nats.log`);
      const ok = await fetch(
        `http://127.0.0.1:${instance.ports.natsHttp}/healthz?js-enabled-only=true`,
      ).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(50);
    }
    throw new Error(`nats-server ${division} did not start`);
  }

  async stopServer(division, signal = 'SIGTERM') {
    const server = this.servers.get(division);
    if (!server || server.child.exitCode !== null) return;
    server.child.kill(signal);
    await server.exited;
    this.servers.delete(division);
  }

  /** Leafnode remotes retry every second or so: wait until every link is up. */
  async waitForLinks(timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let all = true;
      for (const instance of this.instances) {
        if (!this.servers.has(instance.division)) continue;
        const expected =
          (instance.parent && this.servers.has(instance.parent) ? 1 : 0) +
          instance.children.filter((c) => this.servers.has(c)).length;
        const leafs = await fetch(`http://127.0.0.1:${instance.ports.natsHttp}/leafz`)
          .then((r) => r.json())
          .then(
            (b) => b.leafnodes ?? 0,
            () => -1,
          );
        if (leafs < expected) all = false;
      }
      if (all) return;
      if (Date.now() > deadline) throw new Error('leafnode links did not come up');
      await sleep(100);
    }
  }

  async stop() {
    for (const division of [...this.servers.keys()].reverse()) await this.stopServer(division);
  }
}
