import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from '@nats-io/transport-node';
import { register } from 'prom-client';

/**
 * The probes and metrics, as every service serves them: `/health/live`, `/health/ready` (the NATS
 * server it answers on is reachable, and it is not shutting down) and Prometheus `/metrics`.
 * Nothing else is served: the analyser's API is its NATS commands.
 */
export class OperationsServer {
  private readonly server: Server;
  /** Set on shutdown: the probe answers 503 while requests already received are answered. */
  draining = false;

  constructor(private readonly nc: NatsConnection) {
    this.server = createServer((request, response) => {
      void this.route(request.method ?? 'GET', request.url ?? '/').then(({ status, type, body }) =>
        response.writeHead(status, { 'content-type': type }).end(body),
      );
    });
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, resolve);
    });
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async route(
    method: string,
    url: string,
  ): Promise<{ status: number; type: string; body: string }> {
    const json = (status: number, body: unknown) => ({
      status,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify(body),
    });
    const path = url.split('?')[0];
    if (method !== 'GET')
      return json(405, { code: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' });
    if (path === '/health/live') return json(200, { status: 'live' });
    if (path === '/health/ready') {
      const nats = await this.natsCheck();
      const status = this.draining ? 'draining' : nats.ok ? 'ready' : 'not-ready';
      return json(status === 'ready' ? 200 : 503, { status, checks: { nats } });
    }
    if (path === '/metrics') {
      return { status: 200, type: register.contentType, body: await register.metrics() };
    }
    return json(404, { code: 'NOT_FOUND', message: '未找到' });
  }

  private async natsCheck(): Promise<{ ok: boolean; error?: string }> {
    try {
      if (this.nc.isClosed()) throw new Error('connection closed');
      await Promise.race([
        this.nc.flush(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 2_000).unref()),
      ]);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
}
