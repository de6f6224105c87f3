import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { caseRegisteredEvent, type EventEnvelope } from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, makeResidentIdNumber, waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

const validBody = () => ({
  petitioner: { name: '张三', idNumber: makeResidentIdNumber(), phone: '13800138000' },
  divisionCode: '510104',
  kind: 'appeal',
  categoryCode: '0303',
  title: '小区门口道路坑洼',
  content: '锦江区某小区门口道路坑洼不平，雨天积水严重，老人孩子出行不便。',
});

describe('complaint intake: submission and public status', () => {
  let intake: InProcessService;
  let nc: NatsConnection;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { BODY_LIMIT_BYTES: String(64 * 1024), RATE_LIMITS_ENABLED: 'false' },
    });
    nc = await connect({ servers: backingServices().natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await intake?.stop();
  });

  const submit = (
    payload: unknown,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) =>
    intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers,
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const status = (trackingCode: string, queryCode: string) =>
    intake.http.inject({
      method: 'GET',
      url: `/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
    });

  it('answers 201 with a tracking and query code only once the complaint and its event are stored', async () => {
    const response = await submit(validBody());
    expect(response.statusCode).toBe(201);
    const { trackingCode, queryCode } = response.json();
    expect(trackingCode).toMatch(/^T[0-9A-Z]{11}$/);
    expect(queryCode).toMatch(/^[0-9A-Z]{8}$/);
    expect(response.headers['x-request-id']).toEqual(expect.any(String));

    const [row] = await intake.schema.query<{
      id: string;
      status: string;
      query_code_hash: string;
    }>('SELECT id, status, query_code_hash FROM complaint WHERE tracking_code = $1', [
      trackingCode,
    ]);
    expect(row.status).toBe('submitted');
    expect(row.query_code_hash).not.toContain(queryCode);
    expect(
      await intake.schema.count(
        'outbox',
        "subject = $1 AND envelope->'data'->>'complaintId' = $2",
        ['complaint-intake.complaint.submitted', row.id],
      ),
    ).toBe(1);

    const view = await status(trackingCode, queryCode);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      trackingCode,
      status: 'submitted',
      petitionNumber: null,
      timeline: [{ status: 'submitted', note: '投诉已提交，等待登记' }],
    });
  });

  it('shows the petition number once petition registers the case', async () => {
    const { trackingCode, queryCode } = (await submit(validBody())).json();
    const [{ id }] = await intake.schema.query<{ id: string }>(
      'SELECT id FROM complaint WHERE tracking_code = $1',
      [trackingCode],
    );
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      type: caseRegisteredEvent.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: '510104',
      correlationId: randomUUID(),
      data: {
        caseId: randomUUID(),
        petitionNumber: '510104-2026-000777',
        sourceComplaintId: id,
        kind: 'appeal',
        channel: 'online',
        divisionCode: '510104',
        registeredAt: new Date().toISOString(),
      },
    };
    await jetstream(nc).publish(
      wireNames.event(intake.namespace, caseRegisteredEvent.subject),
      JSON.stringify(envelope),
      {
        msgID: envelope.eventId,
      },
    );
    const view = await waitFor(
      async () => {
        const body = (await status(trackingCode, queryCode)).json();
        return body.status === 'registered' ? body : undefined;
      },
      { what: 'the complaint to show as registered' },
    );
    expect(view.petitionNumber).toBe('510104-2026-000777');
    expect(view.timeline.map((t: { status: string }) => t.status)).toEqual([
      'submitted',
      'registered',
    ]);
  });

  it('answers a wrong query code exactly like an unknown tracking code', async () => {
    const { trackingCode } = (await submit(validBody())).json();
    const wrong = await status(trackingCode, 'ZZZZZZZZ');
    const unknown = await status('T00000000000', 'ZZZZZZZZ');
    const malformed = await status('<script>', 'x');
    for (const response of [wrong, unknown, malformed]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({
        code: 'NOT_FOUND',
        message: '未找到该投诉，请核对查询码',
      });
    }
    const missing = await intake.http.inject({
      method: 'GET',
      url: `/api/v1/complaints/${trackingCode}`,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'queryCode' }],
    });
  });

  describe('refuses bad input with a clear 4xx and stores nothing', () => {
    const body = validBody();
    const cases: Array<[string, () => ReturnType<typeof submit>, number, string]> = [
      ['a missing field', () => submit({ ...body, title: undefined }), 400, 'VALIDATION_FAILED'],
      ['an unknown field', () => submit({ ...body, admin: true }), 400, 'VALIDATION_FAILED'],
      ['wrong types', () => submit({ ...body, kind: 3, title: ['x'] }), 400, 'VALIDATION_FAILED'],
      [
        'an ID number with a wrong check digit',
        () =>
          submit({
            ...body,
            petitioner: {
              ...body.petitioner,
              idNumber:
                body.petitioner.idNumber.slice(0, 17) +
                (body.petitioner.idNumber[17] === '0' ? '1' : '0'),
            },
          }),
        400,
        'INVALID_ID_NUMBER',
      ],
      [
        'an ID number with an impossible birth date',
        () =>
          submit({
            ...body,
            petitioner: {
              ...body.petitioner,
              idNumber: makeResidentIdNumber('510104', '19900230'),
            },
          }),
        400,
        'INVALID_ID_NUMBER',
      ],
      [
        'an unknown division',
        () => submit({ ...body, divisionCode: '510199' }),
        400,
        'UNKNOWN_DIVISION',
      ],
      ['malformed JSON', () => submit('{"petitioner": {'), 400, 'MALFORMED_JSON'],
      ['an empty JSON body', () => submit(''), 400, 'MALFORMED_JSON'],
      ['a JSON array', () => submit('[1,2,3]'), 400, 'VALIDATION_FAILED'],
      ['JSON null', () => submit('null'), 400, 'VALIDATION_FAILED'],
      [
        'prototype poisoning',
        () => submit('{"__proto__": {"admin": true}}'),
        400,
        'MALFORMED_JSON',
      ],
      [
        'a body over the limit',
        () => submit({ ...body, content: '很'.repeat(30_000) }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'text/plain',
        () => submit('hello', { 'content-type': 'text/plain' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a form post',
        () => submit('title=x', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'content over 5000 characters',
        () => submit({ ...body, content: 'a'.repeat(5001) }),
        400,
        'VALIDATION_FAILED',
      ],
    ];

    it.each(cases)('%s', async (_name, send, expectedStatus, expectedCode) => {
      const before = await intake.schema.count('complaint');
      const outboxBefore = await intake.schema.count('outbox');
      const response = await send();
      expect(response.statusCode).toBe(expectedStatus);
      expect(response.json()).toMatchObject({ code: expectedCode, requestId: expect.any(String) });
      expect(await intake.schema.count('complaint')).toBe(before);
      expect(await intake.schema.count('outbox')).toBe(outboxBefore);
    });

    it('names each field at fault', async () => {
      const response = await submit({
        ...body,
        divisionCode: '999999',
        petitioner: { ...body.petitioner, phone: '123' },
      });
      expect(
        response.json().fields.map((f: { path: string; code: string }) => [f.path, f.code]),
      ).toEqual([
        ['petitioner.phone', 'VALIDATION_FAILED'],
        ['divisionCode', 'UNKNOWN_DIVISION'],
      ]);
    });
  });

  it('lists its complaint routes in OpenAPI and serves the docs UI', async () => {
    const document = (await intake.http.inject({ method: 'GET', url: '/api/docs.json' })).json();
    expect(document.paths['/api/v1/complaints'].post).toBeDefined();
    expect(document.paths['/api/v1/complaints/{trackingCode}'].get).toBeDefined();
    const ui = await intake.http.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('exposes outbox lag in its metrics', async () => {
    const metrics = await intake.http.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('ms_outbox_pending_events{service="complaint-intake"}');
    expect(metrics.body).toContain('ms_outbox_oldest_pending_seconds{service="complaint-intake"}');
  });
});
