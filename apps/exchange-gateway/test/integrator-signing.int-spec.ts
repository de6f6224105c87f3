import { DataSource } from 'typeorm';
import { inventoryHandlers } from '@minsheng/auth';
import type { InProcessService } from '@minsheng/service-harness';
import {
  adminHeaders,
  complaintBody,
  registerClient,
  signed,
  startGateway,
  type TestClient,
} from './integrator-test-kit.js';

describe('integrator API: signed requests, limits and idempotency', () => {
  let gateway: InProcessService;
  let client: TestClient;

  const outboxCount = async () => {
    const [row] = (await gateway.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM "${gateway.schema.name}".outbox WHERE subject = 'exchange-gateway.complaint.handed-over'`,
      )) as Array<{ n: number }>;
    return row.n;
  };

  beforeAll(async () => {
    gateway = await startGateway();
    client = await registerClient(gateway, {
      scopes: ['complaints:submit', 'complaints:read', 'directory:read'],
      allowedDivisions: ['510104'],
    });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('accepts a request signed with HMAC-SHA256 and one signed with HMAC-SM3', async () => {
    const sha = await signed(gateway, client, 'GET', '/exchange/v1/divisions');
    expect(sha.status).toBe(200);
    expect(sha.body.items.map((d: { code: string }) => d.code)).toEqual(['510104']);
    const sm3 = await signed(gateway, client, 'GET', '/exchange/v1/divisions', undefined, {
      sign: { algorithm: 'HMAC-SM3' },
    });
    expect(sm3.status).toBe(200);
  });

  it('guards every public integrator route itself: only Open311 discovery is open to all', async () => {
    const open = inventoryHandlers(gateway.app)
      .filter((h) => h.isPublic && /^\w+ \/(exchange|open311)\//.test(h.route))
      .map((h) => h.route);
    expect(open.length).toBeGreaterThan(8);
    const answers: Record<string, number> = {};
    for (const route of open) {
      const [method, path] = route.split(' ');
      const url = path
        .replace(':format', 'json')
        .replace(/:(reference|id|token)/, '00000000-0000-4000-8000-000000000000')
        .replace(/:\w+/, '0101');
      const response = await gateway.http.inject({
        method: method as 'GET',
        url,
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      answers[route] = response.statusCode;
    }
    const deliberatelyOpen = [
      'GET /open311/v2/services.:format',
      'GET /open311/v2/services/:code.:format',
      'GET /open311/v2/tokens/:token.:format',
    ];
    for (const [route, status] of Object.entries(answers)) {
      expect([route, deliberatelyOpen.includes(route) ? status !== 401 : status]).toEqual([
        route,
        deliberatelyOpen.includes(route) ? true : 401,
      ]);
    }
  });

  it('describes the integrator API with its signature headers in the OpenAPI document', async () => {
    const doc = (await gateway.http.inject({ method: 'GET', url: '/api/docs.json' })).json();
    const submit = doc.paths['/exchange/v1/complaints'].post;
    expect(submit.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'x-minsheng-client-id',
        'x-minsheng-timestamp',
        'x-minsheng-nonce',
        'x-minsheng-signature',
        'idempotency-key',
      ]),
    );
    expect(submit.responses['202']).toBeDefined();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/exchange/v1/changes',
        '/exchange/v1/webhooks',
        '/exchange/v1/divisions',
      ]),
    );
  });

  it('refuses each kind of bad request with its own 4xx code', async () => {
    const unsigned = await gateway.http.inject({ method: 'GET', url: '/exchange/v1/divisions' });
    const unknown = await signed(
      gateway,
      { ...client, clientId: 'ic-nobody' },
      'GET',
      '/exchange/v1/divisions',
    );
    const badSignature = await signed(
      gateway,
      { ...client, secret: 'not-the-secret' },
      'GET',
      '/exchange/v1/divisions',
    );
    const tamperedPath = await signed(
      gateway,
      client,
      'GET',
      '/exchange/v1/divisions?x=1',
      undefined,
      {
        sign: { pathWithQuery: '/exchange/v1/divisions' },
      },
    );
    const stale = await signed(gateway, client, 'GET', '/exchange/v1/divisions', undefined, {
      sign: { timestamp: Math.floor(Date.now() / 1000) - 301 },
    });
    const future = await signed(gateway, client, 'GET', '/exchange/v1/divisions', undefined, {
      sign: { timestamp: Math.floor(Date.now() / 1000) + 301 },
    });
    const nonce = 'reused-nonce-0123456789';
    const first = await signed(gateway, client, 'GET', '/exchange/v1/divisions', undefined, {
      sign: { nonce },
    });
    const replay = await signed(gateway, client, 'GET', '/exchange/v1/divisions', undefined, {
      sign: { nonce },
    });
    const wrongScope = await signed(gateway, client, 'GET', '/exchange/v1/changes');
    const wrongDivision = await signed(
      gateway,
      client,
      'POST',
      '/exchange/v1/complaints',
      complaintBody({ divisionCode: '510105' }),
    );

    expect({
      unsigned: [unsigned.statusCode, unsigned.json().code],
      unknown: [unknown.status, unknown.body.code],
      badSignature: [badSignature.status, badSignature.body.code],
      tamperedPath: [tamperedPath.status, tamperedPath.body.code],
      stale: [stale.status, stale.body.code],
      future: [future.status, future.body.code],
      first: first.status,
      replay: [replay.status, replay.body.code],
      wrongScope: [wrongScope.status, wrongScope.body.code],
      wrongDivision: [wrongDivision.status, wrongDivision.body.code],
    }).toEqual({
      unsigned: [401, 'INTEGRATOR_SIGNATURE_REQUIRED'],
      unknown: [401, 'INTEGRATOR_CLIENT_UNKNOWN'],
      badSignature: [401, 'INTEGRATOR_SIGNATURE_INVALID'],
      tamperedPath: [401, 'INTEGRATOR_SIGNATURE_INVALID'],
      stale: [401, 'INTEGRATOR_TIMESTAMP_STALE'],
      future: [401, 'INTEGRATOR_TIMESTAMP_STALE'],
      first: 200,
      replay: [401, 'INTEGRATOR_NONCE_REUSED'],
      wrongScope: [403, 'INTEGRATOR_SCOPE_MISSING'],
      wrongDivision: [403, 'INTEGRATOR_DIVISION_NOT_ALLOWED'],
    });
    expect(wrongDivision.body.fields).toEqual([
      expect.objectContaining({ path: 'divisionCode', code: 'INTEGRATOR_DIVISION_NOT_ALLOWED' }),
    ]);
  });

  it('refuses a tampered body: the signature covers the raw bytes', async () => {
    const body = JSON.stringify(complaintBody());
    const response = await gateway.http.inject({
      method: 'POST',
      url: '/exchange/v1/complaints',
      headers: {
        ...(await import('../src/integrator/request-signing.js')).signedHeaders({
          clientId: client.clientId,
          secret: client.secret,
          method: 'POST',
          pathWithQuery: '/exchange/v1/complaints',
          body,
        }),
        'content-type': 'application/json',
      },
      payload: body.replace('0101', '0102'),
    });
    expect([response.statusCode, response.json().code]).toEqual([
      401,
      'INTEGRATOR_SIGNATURE_INVALID',
    ]);
  });

  it('answers 429 with Retry-After once a client is over its rate limit', async () => {
    const limited = await registerClient(gateway, {
      scopes: ['directory:read'],
      rateLimitPerMinute: 3,
    });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof signed>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await signed(gateway, limited, 'GET', '/exchange/v1/divisions');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.body.code).toBe('INTEGRATOR_RATE_LIMITED');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers['retry-after'])).toBeLessThanOrEqual(20);
  });

  it('refuses a disabled client, and the old secret after a rotation', async () => {
    const rotating = await registerClient(gateway, { scopes: ['directory:read'] });
    const rotated = await gateway.http.inject({
      method: 'POST',
      url: `/exchange/v1/admin/clients/${rotating.clientId}/rotate-secret`,
      headers: await adminHeaders(gateway),
    });
    expect(rotated.statusCode).toBe(201);
    const fresh = { ...rotating, secret: rotated.json().secret as string };
    expect((await signed(gateway, rotating, 'GET', '/exchange/v1/divisions')).body.code).toBe(
      'INTEGRATOR_SIGNATURE_INVALID',
    );
    expect((await signed(gateway, fresh, 'GET', '/exchange/v1/divisions')).status).toBe(200);

    await gateway.http.inject({
      method: 'POST',
      url: `/exchange/v1/admin/clients/${rotating.clientId}/disable`,
      headers: await adminHeaders(gateway),
    });
    const disabled = await signed(gateway, fresh, 'GET', '/exchange/v1/divisions');
    expect([disabled.status, disabled.body.code]).toEqual([403, 'INTEGRATOR_CLIENT_DISABLED']);

    const list = await gateway.http.inject({
      method: 'GET',
      url: '/exchange/v1/admin/clients',
      headers: await adminHeaders(gateway),
    });
    const listed = (list.json() as Array<Record<string, unknown>>).find(
      (c) => c.clientId === rotating.clientId,
    );
    expect(listed).toMatchObject({ status: 'disabled' });
    expect(JSON.stringify(list.json())).not.toContain(fresh.secret);
  });

  it('replays the first answer for the same Idempotency-Key and body, and refuses another body', async () => {
    const before = await outboxCount();
    const headers = { 'idempotency-key': 'order-2026-0001' };
    const first = await signed(
      gateway,
      client,
      'POST',
      '/exchange/v1/complaints',
      complaintBody(),
      { headers },
    );
    const again = await signed(
      gateway,
      client,
      'POST',
      '/exchange/v1/complaints',
      complaintBody(),
      { headers },
    );
    const other = await signed(
      gateway,
      client,
      'POST',
      '/exchange/v1/complaints',
      complaintBody({ title: '另一件事' }),
      { headers },
    );
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await outboxCount()).toBe(before + 1);
  });

  it('refuses invalid complaints with the fields at fault and stores nothing', async () => {
    const before = await outboxCount();
    const badId = await signed(
      gateway,
      client,
      'POST',
      '/exchange/v1/complaints',
      complaintBody({
        petitioner: { name: '张三', idNumber: '510104198503123210', phone: '13912345678' },
      }),
    );
    const badCategory = await signed(
      gateway,
      client,
      'POST',
      '/exchange/v1/complaints',
      complaintBody({ categoryCode: '7777' }),
    );
    const extra = await signed(gateway, client, 'POST', '/exchange/v1/complaints', {
      ...complaintBody(),
      captchaId: 'x',
    });
    expect([badId.status, badId.body.code]).toEqual([400, 'INVALID_ID_NUMBER']);
    expect([badCategory.status, badCategory.body.code]).toEqual([400, 'UNKNOWN_CATEGORY']);
    expect(extra.status).toBe(400);
    expect(await outboxCount()).toBe(before);
  });
});
