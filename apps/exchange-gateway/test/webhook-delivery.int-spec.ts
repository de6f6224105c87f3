import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { complaintSubmittedEvent } from '@minsheng/contracts';
import type { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import { computeSignature, sha256Hex } from '../src/integrator/request-signing.js';
import {
  adminHeaders,
  complaintBody,
  intakeSubmitted,
  publish,
  registerClient,
  signed,
  startGateway,
  type Loose,
  type TestClient,
} from './integrator-test-kit.js';

interface Received {
  headers: IncomingMessage['headers'];
  path: string;
  body: string;
}

/** A client's webhook receiver that answers with the statuses it is given, in turn. */
class Receiver {
  readonly received: Received[] = [];
  private server!: Server;

  constructor(public statuses: number[]) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        this.received.push({
          headers: request.headers,
          path: request.url ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.statusCode = this.statuses.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/minsheng?v=1`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Submits a complaint and has intake announce it: one `complaint.submitted` change. */
async function announceChange(gateway: InProcessService, client: TestClient) {
  const submitted = await signed(
    gateway,
    client,
    'POST',
    '/exchange/v1/complaints',
    complaintBody(),
  );
  const event = intakeSubmitted({
    kind: 'integrator',
    id: client.clientId,
    reference: submitted.body.reference,
  });
  await publish(gateway, complaintSubmittedEvent, event);
  return event;
}

/** Subscribes the client's receiver to `complaint.submitted`; answers the subscription id. */
async function subscribeTo(gateway: InProcessService, client: TestClient, url: string) {
  const response = await signed(gateway, client, 'POST', '/exchange/v1/webhooks', {
    url,
    eventTypes: ['complaint.submitted'],
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function deliveriesOf(gateway: InProcessService, client: TestClient, subscriptionId: string) {
  return (
    await signed(gateway, client, 'GET', `/exchange/v1/webhooks/${subscriptionId}/deliveries`)
  ).body.items as Loose[];
}

describe('webhooks: signed deliveries, retries with backoff, dead letters and replay', () => {
  let gateway: InProcessService;
  let client: TestClient;

  beforeAll(async () => {
    gateway = await startGateway({ WEBHOOK_MAX_ATTEMPTS: '3' });
    client = await registerClient(gateway, {
      scopes: ['complaints:submit', 'webhooks:manage'],
      allowedDivisions: ['510104'],
    });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  const causeChange = () => announceChange(gateway, client);
  const subscribe = (url: string) => subscribeTo(gateway, client, url);
  const deliveries = (subscriptionId: string) => deliveriesOf(gateway, client, subscriptionId);

  it('records exactly one successful delivery to a receiver that fails twice, then succeeds', async () => {
    const receiver = new Receiver([500, 503, 200]);
    const url = await receiver.start();
    try {
      const subscriptionId = await subscribe(url);
      const event = await causeChange();
      const [delivery] = await waitFor(
        async () => {
          const items = await deliveries(subscriptionId);
          return items[0]?.status === 'delivered' ? items : undefined;
        },
        { what: 'the delivery', timeoutMs: 10_000 },
      );
      expect(delivery.history.map((h: Loose) => [h.attempt, h.succeeded, h.statusCode])).toEqual([
        [1, false, 500],
        [2, false, 503],
        [3, true, 200],
      ]);
      expect(delivery).toMatchObject({ attempts: 3, eventType: 'complaint.submitted' });
      // Backoff: the second retry waited about twice as long as the first (base 100 ms).
      const at = delivery.history.map((h: Loose) => Date.parse(h.at));
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(90);
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(190);

      expect(receiver.received).toHaveLength(3);
      const last = receiver.received[2];
      expect(JSON.parse(last.body)).toMatchObject({
        type: 'complaint.submitted',
        trackingCode: event.trackingCode,
        reference: expect.any(String),
      });
      expect(last.headers['x-minsheng-delivery-id']).toBe(delivery.id);
      expect(last.headers['x-minsheng-event-type']).toBe('complaint.submitted');
      const expected = computeSignature('HMAC-SHA256', client.secret, {
        method: 'POST',
        pathWithQuery: last.path,
        timestamp: String(last.headers['x-minsheng-timestamp']),
        nonce: String(last.headers['x-minsheng-nonce']),
        bodySha256Hex: sha256Hex(last.body),
      });
      expect(last.headers['x-minsheng-signature']).toBe(expected);
      expect(last.headers['x-minsheng-client-id']).toBe(client.clientId);
      // Nothing more is sent after the success.
      await new Promise((r) => setTimeout(r, 400));
      expect(receiver.received).toHaveLength(3);
    } finally {
      await receiver.stop();
    }
  });

  it('moves a delivery that keeps failing to the dead letters, from where an operator replays it', async () => {
    const receiver = new Receiver([500, 500, 500]);
    const url = await receiver.start();
    try {
      const subscriptionId = await subscribe(url);
      await causeChange();
      const [dead] = await waitFor(
        async () => {
          const items = await deliveries(subscriptionId);
          return items[0]?.status === 'dead' ? items : undefined;
        },
        { what: 'the dead delivery', timeoutMs: 10_000 },
      );
      expect(dead.history).toHaveLength(3);

      const letters = await gateway.http.inject({
        method: 'GET',
        url: '/exchange/v1/admin/webhook-deliveries/dead',
        headers: await adminHeaders(gateway),
      });
      expect(letters.json().items.map((d: Loose) => d.id)).toContain(dead.id);

      // The receiver is fixed (it answers 200 from now on); the operator replays.
      const replay = await gateway.http.inject({
        method: 'POST',
        url: `/exchange/v1/admin/webhook-deliveries/${dead.id}/replay`,
        headers: await adminHeaders(gateway),
      });
      expect(replay.statusCode).toBe(201);
      const [delivered] = await waitFor(
        async () => {
          const items = await deliveries(subscriptionId);
          return items[0]?.status === 'delivered' ? items : undefined;
        },
        { what: 'the replayed delivery' },
      );
      expect(delivered.history.map((h: Loose) => h.succeeded)).toEqual([false, false, false, true]);
      const again = await gateway.http.inject({
        method: 'POST',
        url: `/exchange/v1/admin/webhook-deliveries/${dead.id}/replay`,
        headers: await adminHeaders(gateway),
      });
      expect([again.statusCode, again.json().code]).toEqual([409, 'WEBHOOK_DELIVERY_NOT_DEAD']);
    } finally {
      await receiver.stop();
    }
  });

  it('refuses a webhook URL into the instance’s network unless development allows it', async () => {
    const strict = await startGateway({ WEBHOOK_ALLOW_INSECURE_URLS: 'false' });
    try {
      const owner = await registerClient(strict, { scopes: ['webhooks:manage'] });
      for (const url of [
        'http://example.com/hook',
        'https://127.0.0.1/hook',
        'https://10.1.2.3/h',
      ]) {
        const response = await signed(strict, owner, 'POST', '/exchange/v1/webhooks', {
          url,
          eventTypes: ['*'],
        });
        expect([url, response.status, response.body.code]).toEqual([
          url,
          400,
          'WEBHOOK_URL_NOT_ALLOWED',
        ]);
      }
      const ok = await signed(strict, owner, 'POST', '/exchange/v1/webhooks', {
        url: 'https://hooks.example.com/minsheng',
        eventTypes: ['*'],
      });
      expect(ok.status).toBe(201);
    } finally {
      await strict.stop();
    }
  });
});

describe('webhooks: a delivery waiting for its retry survives a restart of the gateway', () => {
  let gateway: InProcessService;
  let client: TestClient;

  beforeAll(async () => {
    // A long first backoff: the retry is still pending in the table when the gateway goes down.
    gateway = await startGateway({ WEBHOOK_BACKOFF_BASE_MS: '1500' });
    client = await registerClient(gateway, {
      scopes: ['complaints:submit', 'webhooks:manage'],
      allowedDivisions: ['510104'],
    });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('is sent by the restarted gateway and recorded as delivered once', async () => {
    const receiver = new Receiver([503, 200]);
    const url = await receiver.start();
    try {
      const subscriptionId = await subscribeTo(gateway, client, url);
      await announceChange(gateway, client);
      const deliveries = () => deliveriesOf(gateway, client, subscriptionId);
      await waitFor(
        async () => ((await deliveries())[0]?.history?.length === 1 ? true : undefined),
        { what: 'the first, failed attempt', timeoutMs: 10_000 },
      );
      expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1 });

      await gateway.restart();

      const [delivered] = await waitFor(
        async () => {
          const items = await deliveries();
          return items[0]?.status === 'delivered' ? items : undefined;
        },
        { what: 'the delivery after the restart', timeoutMs: 15_000 },
      );
      expect(delivered.history.map((h: Loose) => [h.attempt, h.succeeded, h.statusCode])).toEqual([
        [1, false, 503],
        [2, true, 200],
      ]);
      expect(receiver.received.map((r) => r.headers['x-minsheng-delivery-id'])).toEqual([
        delivered.id,
        delivered.id,
      ]);
      // Nothing more is sent after the success, by either process.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.stop();
    }
  });
});
