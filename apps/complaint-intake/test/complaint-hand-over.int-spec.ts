import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  complaintHandedOverEvent,
  type complaintRoutedEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { PersonalData } from '@minsheng/runtime';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, makeResidentIdNumber, waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

type HandOver = EventData<typeof complaintHandedOverEvent>;
type Announced = EventData<typeof complaintRoutedEvent>;

describe('complaint intake: complaints the exchange hands over', () => {
  let intake: InProcessService;
  let nc: NatsConnection;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { INSTANCE_DIVISION: '510000', CHILD_INSTANCES: '510700', RATE_LIMITS_ENABLED: 'false' },
    });
    nc = await connect({ servers: backingServices().natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await intake?.stop();
  });

  function handOver(overrides: Partial<HandOver> = {}): HandOver {
    const personalData = intake.app.get(PersonalData);
    const id = personalData.idNumber(makeResidentIdNumber());
    const phone = personalData.phone('13812345678');
    return {
      source: { kind: 'integrator', id: 'client-12345', reference: randomUUID() },
      petitioner: {
        name: '王五',
        idNumberEncrypted: id.encrypted,
        idNumberHash: id.lookupHash,
        phoneEncrypted: phone.encrypted,
        phoneHash: phone.lookupHash,
      },
      divisionCode: '510104',
      kind: 'appeal',
      categoryCode: '0303',
      title: '小区路灯长期不亮',
      content: '小区东门路灯已坏两个月，夜间出行不便，请求维修。',
      address: null,
      location: null,
      replyPublicConsent: false,
      submittedAt: new Date().toISOString(),
      ...overrides,
    };
  }

  async function publish(data: HandOver, eventId = randomUUID()) {
    const envelope: EventEnvelope<HandOver> = {
      eventId,
      type: complaintHandedOverEvent.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: data.divisionCode,
      correlationId: randomUUID(),
      data,
    };
    await jetstream(nc).publish(
      wireNames.event(intake.namespace, complaintHandedOverEvent.subject),
      JSON.stringify(envelope),
      { msgID: eventId },
    );
  }

  const complaintsFrom = (reference: string) =>
    intake.schema.query<{
      id: string;
      status: string;
      tracking_code: string;
      category_code: string;
    }>(
      'SELECT id, status, tracking_code, category_code FROM complaint WHERE source_reference = $1',
      [reference],
    );

  const announcedFor = (complaintId: string) =>
    intake.schema.query<{ subject: string; envelope: { data: Announced } }>(
      "SELECT subject, envelope FROM outbox WHERE envelope->'data'->>'complaintId' = $1",
      [complaintId],
    );

  it('stores a handed-over complaint for this jurisdiction and announces it with its source', async () => {
    const data = handOver();
    await publish(data);
    const [complaint] = await waitFor(
      async () => {
        const rows = await complaintsFrom(data.source.reference);
        return rows.length ? rows : undefined;
      },
      { what: 'the handed-over complaint' },
    );
    expect(complaint.status).toBe('submitted');
    const [event] = await announcedFor(complaint.id);
    expect(event.subject).toBe('complaint-intake.complaint.submitted');
    expect(event.envelope.data.source).toEqual(data.source);
    expect(event.envelope.data.trackingCode).toBe(complaint.tracking_code);
    expect(event.envelope.data.petitioner.idNumberEncrypted).toBe(
      data.petitioner.idNumberEncrypted,
    );
  });

  it('keeps the tracking code a forwarding tier already gave the petitioner', async () => {
    const data = handOver({
      source: { kind: 'exchange', id: '510000', reference: 'M51000026ABCD' },
      trackingCode: `M${Date.now().toString(36).toUpperCase()}`,
    });
    await publish(data);
    const [complaint] = await waitFor(async () => {
      const rows = await complaintsFrom(data.source.reference);
      return rows.length ? rows : undefined;
    });
    expect(complaint.tracking_code).toBe(data.trackingCode);
  });

  it('applies the same hand-over once, whether redelivered or sent again in a new event', async () => {
    const data = handOver();
    const eventId = randomUUID();
    await publish(data, eventId);
    await publish(data, eventId);
    await publish(data);
    await waitFor(async () => (await complaintsFrom(data.source.reference)).length > 0);
    // A later hand-over acts as a marker that the earlier three were all consumed.
    const marker = handOver();
    await publish(marker);
    await waitFor(async () => (await complaintsFrom(marker.source.reference)).length > 0);
    expect(await complaintsFrom(data.source.reference)).toHaveLength(1);
  });

  it('passes a complaint for a child instance on to the exchange instead of registering it', async () => {
    const data = handOver({ divisionCode: '510703' });
    await publish(data);
    const [complaint] = await waitFor(async () => {
      const rows = await complaintsFrom(data.source.reference);
      return rows.length ? rows : undefined;
    });
    expect(complaint.status).toBe('awaiting-exchange');
    const [event] = await announcedFor(complaint.id);
    expect(event.subject).toBe('complaint-intake.complaint.routed');
    expect(event.envelope.data.targetDivisionCode).toBe('510700');
  });

  it('files a complaint whose category this instance does not know under 其他事项', async () => {
    const data = handOver({ categoryCode: '98' });
    await publish(data);
    const [complaint] = await waitFor(async () => {
      const rows = await complaintsFrom(data.source.reference);
      return rows.length ? rows : undefined;
    });
    expect(complaint.category_code).toBe('9901');
  });

  it('refuses personal data it cannot decrypt, storing nothing', async () => {
    const refused = handOver({
      petitioner: { ...handOver().petitioner, idNumberEncrypted: 'v1:other:AAAA' },
    });
    await publish(refused);
    const marker = handOver();
    await publish(marker);
    await waitFor(async () => (await complaintsFrom(marker.source.reference)).length > 0);
    expect(await complaintsFrom(refused.source.reference)).toHaveLength(0);
  });
});
