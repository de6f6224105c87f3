import { EnvValidationError } from '@minsheng/config';
import { loadServiceEnv } from '@minsheng/runtime';
import { InProcessService } from '@minsheng/service-harness';
import { TestKeys } from '@minsheng/testing';
import { Jurisdiction } from '../src/complaint/jurisdiction.js';
import { intakeConfig, intakeSettings } from '../src/config/intake.settings.js';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';

describe('complaint intake: routing by locality (属地)', () => {
  let intake: InProcessService;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        INSTANCE_DIVISION: '510000',
        CHILD_INSTANCES: '510100, 510700',
        RATE_LIMITS_ENABLED: 'false',
      },
    });
  });

  afterAll(async () => {
    await intake?.stop();
  });

  async function submitIn(divisionCode: string) {
    const response = await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: complaintBody({ divisionCode }),
    });
    expect(response.statusCode).toBe(201);
    const { trackingCode, queryCode } = response.json();
    const [row] = await intake.schema.query<{
      id: string;
      status: string;
      routed_to_division: string | null;
      routing_reason: string | null;
    }>(
      'SELECT id, status, routed_to_division, routing_reason FROM complaint WHERE tracking_code = $1',
      [trackingCode],
    );
    const events = await intake.schema.query<{
      subject: string;
      envelope: { data: Record<string, unknown> };
    }>("SELECT subject, envelope FROM outbox WHERE envelope->'data'->>'complaintId' = $1", [
      row.id,
    ]);
    const view = (
      await intake.http.inject({
        method: 'GET',
        url: `/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
      })
    ).json();
    return { response: response.json(), row, events, view };
  }

  it('registers a complaint of its own jurisdiction here, as before', async () => {
    const { response, row, events } = await submitIn('511702'); // 达州市通川区: no instance of its own
    expect(response.status).toBe('submitted');
    expect(row).toMatchObject({
      status: 'submitted',
      routed_to_division: null,
      routing_reason: null,
    });
    expect(events.map((e) => e.subject)).toEqual(['complaint-intake.complaint.submitted']);
  });

  it('holds a complaint of a child instance’s jurisdiction for the exchange, and says so in Chinese', async () => {
    const { response, row, events, view } = await submitIn('510104'); // 成都市锦江区 → 510100
    expect(response.status).toBe('awaiting-exchange');
    expect(row).toMatchObject({
      status: 'awaiting-exchange',
      routed_to_division: '510100',
      routing_reason: 'child-instance',
    });
    expect(events.map((e) => e.subject)).toEqual(['complaint-intake.complaint.routed']);
    expect(events[0].envelope.data).toMatchObject({
      complaintId: row.id,
      divisionCode: '510104',
      targetDivisionCode: '510100',
      reason: 'child-instance',
      fromDivisionCode: '510000',
      categoryCode: '0303',
      petitioner: { idNumberEncrypted: expect.stringMatching(/^v1\./) },
    });
    expect(view).toMatchObject({
      status: 'awaiting-exchange',
      statusText: '等待转交属地办理',
      petitionNumber: null,
      timeline: [
        {
          step: 'routed',
          status: 'awaiting-exchange',
          note: '您反映的事项发生在四川省成都市锦江区，按属地管理原则应由四川省成都市信访工作机构办理，已进入转交队列，等待转交（尚未登记）',
        },
      ],
    });
  });

  it('holds a complaint from outside its jurisdiction too — never dropped — with the complaint’s own division as the target', async () => {
    const { row, events, view } = await submitIn('110101'); // 北京市东城区
    expect(row).toMatchObject({
      status: 'awaiting-exchange',
      routed_to_division: '110101',
      routing_reason: 'outside-jurisdiction',
    });
    expect(events.map((e) => e.subject)).toEqual(['complaint-intake.complaint.routed']);
    expect(view.timeline[0].note).toContain('北京市东城区');
  });

  it('routes by the widest child instance when a county below it also runs one', () => {
    const env = loadServiceEnv(
      'complaint-intake',
      { variable: 'P', fallback: 0 },
      {
        ...baseEnv(),
        INSTANCE_DIVISION: '510000',
        CHILD_INSTANCES: '510104,510100',
      },
      intakeSettings,
    );
    const jurisdiction = new Jurisdiction(intakeConfig(env));
    expect(jurisdiction.route('510104')).toEqual({
      handledHere: false,
      targetDivisionCode: '510100',
      reason: 'child-instance',
    });
    expect(jurisdiction.route('510105')).toEqual({
      handledHere: false,
      targetDivisionCode: '510100',
      reason: 'child-instance',
    });
    expect(jurisdiction.route('510302')).toEqual({ handledHere: true });
  });

  it('refuses to start with a child instance outside its own jurisdiction, or an S3 endpoint without a bucket', () => {
    const env = loadServiceEnv(
      'complaint-intake',
      { variable: 'P', fallback: 0 },
      {
        ...baseEnv(),
        INSTANCE_DIVISION: '510100',
        CHILD_INSTANCES: '510104,510700,510100',
        S3_ENDPOINT: 'http://minio:9000',
      },
      intakeSettings,
    );
    let error: unknown;
    try {
      intakeConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    expect((error as EnvValidationError).issues.map((i) => i.variable)).toEqual([
      'CHILD_INSTANCES',
      'CHILD_INSTANCES',
      'S3_BUCKET',
    ]);
  });

  let keys: Record<string, string>;
  beforeAll(async () => {
    keys = (await TestKeys.create()).env();
  });
  const baseEnv = () => ({
    DATABASE_URL: 'postgres://localhost/x',
    NATS_URL: 'nats://localhost:4222',
    REDIS_URL: 'redis://localhost:6379',
    ...keys,
  });
});
