import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '@minsheng/testing';

export interface LinkFaults {
  /** Added to every chunk, each direction. */
  latencyMs: number;
  /** Share of new connections refused (closed at once). */
  refuseShare: number;
}

/**
 * A TCP proxy between a service and a dependency that can make the link slow and lossy: latency
 * per chunk, new connections refused, every open connection reset.
 */
export class FaultProxy {
  private faults: LinkFaults = { latencyMs: 0, refuseShare: 0 };
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  port = 0;
  refused = 0;
  resets = 0;

  constructor(private readonly target: () => { host: string; port: number }) {}

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  set(faults: Partial<LinkFaults>): void {
    this.faults = { ...this.faults, ...faults };
  }

  clear(): void {
    this.faults = { latencyMs: 0, refuseShare: 0 };
  }

  /** Cuts every connection now, as a flaky network or a middlebox timing out would. */
  resetAll(): number {
    const count = this.sockets.size;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.resets += count;
    return count;
  }

  async stop(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private accept(client: Socket): void {
    if (Math.random() < this.faults.refuseShare) {
      this.refused += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection(this.target());
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    this.pipe(client, upstream);
    this.pipe(upstream, client);
  }

  private pipe(from: Socket, to: Socket): void {
    from.on('data', (chunk) => {
      const delay = this.faults.latencyMs;
      if (delay <= 0) {
        if (!to.destroyed) to.write(chunk);
        return;
      }
      // Order is kept: every chunk waits the same time.
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, delay);
    });
    from.on('end', () => to.end());
  }
}
