import { connect } from '@nats-io/transport-node';
import { TlsNatsServer } from '@minsheng/testing';
import { InProcessService } from './in-process-service.js';
import { probeMigrations, probeService } from './probe-service.fixture.js';
import { describeInstanceCommand, type ServiceName } from '@minsheng/contracts';
import { CommandClient } from '@minsheng/messaging';

describe('NATS over TLS', () => {
  let server: TlsNatsServer;

  beforeAll(async () => {
    server = await TlsNatsServer.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a client that does not speak TLS', async () => {
    await expect(
      connect({ servers: server.url, maxReconnectAttempts: 0, timeout: 2_000 }),
    ).rejects.toThrow();
  });

  it('runs a whole service over a TLS-only server: JetStream ready and commands answered', async () => {
    const service = await InProcessService.start(probeService('tls-probe'), {
      entities: [],
      migrations: probeMigrations,
      env: { NATS_URL: server.url, NATS_TLS_CA_FILE: server.tls.caFile },
    });
    try {
      const ready = await service.http.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json()).toMatchObject({ status: 'ready', checks: { nats: { ok: true } } });
      const token = await service.keys.token('system-admin', '510000');
      const reply = await service.app
        .get(CommandClient)
        .request(
          describeInstanceCommand('tls-probe' as ServiceName),
          {},
          { authorization: `Bearer ${token}` },
        );
      expect(reply.service).toBe('tls-probe');
    } finally {
      await service.stop();
    }
  });
});
