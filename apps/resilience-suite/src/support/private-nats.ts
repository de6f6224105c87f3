import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@minsheng/testing';
import { connect } from '@nats-io/transport-node';

/** A nats-server with JetStream of the suite's own (its own store and port), to kill and restart. */
export class PrivateNats {
  private child?: ChildProcess;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivateNats> {
    const server = new PrivateNats(
      await mkdtemp(join(tmpdir(), 'minsheng-resilience-nats-')),
      await freePort(),
    );
    await server.startServer();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async startServer(): Promise<void> {
    this.child = spawn(
      '/usr/sbin/nats-server',
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.dir],
      { stdio: 'ignore' },
    );
    await waitFor(
      async () => {
        const nc = await connect({ servers: this.url, reconnect: false, timeout: 500 });
        await nc.close();
        return true;
      },
      { timeoutMs: 15_000, intervalMs: 100, what: 'the private nats-server' },
    );
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  async restart(): Promise<void> {
    await this.kill('SIGKILL');
    await this.startServer();
  }

  async destroy(): Promise<void> {
    await this.kill('SIGKILL');
    await rm(this.dir, { recursive: true, force: true });
  }
}
