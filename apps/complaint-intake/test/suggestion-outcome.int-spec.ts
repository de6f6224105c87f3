import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  caseRegisteredEvent,
  suggestionDecidedEvent,
  suggestionMarkedForStudyEvent,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';

describe('complaint intake: a suggestion’s outcome on the citizen’s status page', () => {
  let intake: InProcessService;
  let nc: NatsConnection;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { RATE_LIMITS_ENABLED: 'false' },
    });
    nc = await connect({ servers: backingServices().natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await intake?.stop();
  });

  async function publish<E extends EventDefinition>(
    event: E,
    data: EventData<E>,
    eventId: string = randomUUID(),
  ): Promise<string> {
    const envelope: EventEnvelope = {
      eventId,
      type: event.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: '510104',
      correlationId: randomUUID(),
      data,
    };
    await jetstream(nc).publish(
      wireNames.event(intake.namespace, event.subject),
      JSON.stringify(envelope),
      { msgID: eventId },
    );
    return eventId;
  }

  const handled = (eventId: string) =>
    waitFor(
      async () =>
        (await intake.schema.count('inbox', 'event_id = $1', [eventId])) > 0 ? true : undefined,
      { what: `event ${eventId} handled` },
    );

  const status = async (trackingCode: string, queryCode: string) =>
    (
      await intake.http.inject({
        method: 'GET',
        url: `/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
      })
    ).json();

  async function registeredSuggestion() {
    const response = await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: complaintBody({
        kind: 'suggestion',
        categoryCode: '0303',
        title: '建议为老旧小区加装电梯提供补贴',
        content: '锦江区老旧小区多为六层无电梯住宅，建议政府对加装电梯给予补贴。',
      }),
    });
    expect(response.statusCode).toBe(201);
    const { trackingCode, queryCode } = response.json();
    const [{ id }] = await intake.schema.query<{ id: string }>(
      'SELECT id FROM complaint WHERE tracking_code = $1',
      [trackingCode],
    );
    const petitionNumber = `510104-2026-${String(Math.floor(Math.random() * 900000) + 100000)}`;
    await handled(
      await publish(caseRegisteredEvent, {
        caseId: randomUUID(),
        petitionNumber,
        sourceComplaintId: id,
        kind: 'suggestion',
        channel: 'online',
        divisionCode: '510104',
        registeredAt: new Date().toISOString(),
      } as EventData<typeof caseRegisteredEvent>),
    );
    return { id, trackingCode, queryCode, petitionNumber };
  }

  const change = (complaintId: string, petitionNumber: string) => ({
    caseId: randomUUID(),
    petitionNumber,
    sourceComplaintId: complaintId,
    divisionCode: '510104',
    categoryCode: '0303',
    title: '建议为老旧小区加装电梯提供补贴',
    content: '锦江区老旧小区多为六层无电梯住宅，建议政府对加装电梯给予补贴。',
    organId: '510104-zjj',
    organName: '成都市锦江区住房和城乡建设局',
    registeredAt: new Date().toISOString(),
    at: new Date().toISOString(),
  });

  it('shows that the suggestion is under study, then that it was adopted and what it became', async () => {
    const s = await registeredSuggestion();
    await handled(
      await publish(suggestionMarkedForStudyEvent, {
        ...change(s.id, s.petitionNumber),
        stage: 'worth-study',
        organId: null,
        organName: null,
        note: '具有普遍意义',
      }),
    );
    const decided: EventData<typeof suggestionDecidedEvent> = {
      ...change(s.id, s.petitionNumber),
      stage: 'decided',
      outcome: 'adopted',
      adoption: {
        form: 'rule',
        title: '锦江区既有住宅增设电梯财政补贴办法',
        reference: '锦府办发〔2026〕12号',
        adoptedOn: '2026-03-01',
      },
      summary: '每台电梯补贴20万元。',
      reason: null,
    };
    const first = await publish(suggestionDecidedEvent, decided);
    await handled(first);

    const view = await status(s.trackingCode, s.queryCode);
    expect(view.status).toBe('registered');
    expect(view.suggestionOutcome).toEqual({
      outcome: 'adopted',
      outcomeText: '已采纳',
      organName: '成都市锦江区住房和城乡建设局',
      adoption: {
        form: 'rule',
        formText: '制度规定',
        title: '锦江区既有住宅增设电梯财政补贴办法',
        reference: '锦府办发〔2026〕12号',
        adoptedOn: '2026-03-01',
      },
      summary: '每台电梯补贴20万元。',
      reason: null,
      decidedAt: decided.at,
    });
    const steps = view.timeline.map((t: { step: string }) => t.step);
    expect(steps).toEqual(['submitted', 'registered', 'suggestion-study', 'suggestion-decided']);
    expect(view.timeline[3].note).toContain(
      '经成都市锦江区住房和城乡建设局研究，您的建议已采纳，已形成制度规定《锦江区既有住宅增设电梯财政补贴办法》（锦府办发〔2026〕12号，2026-03-01）',
    );

    // The same event redelivered (same id) and announced again (new id) shows once.
    await publish(suggestionDecidedEvent, decided, first);
    await handled(await publish(suggestionDecidedEvent, { ...decided, summary: '改写' }));
    const again = await status(s.trackingCode, s.queryCode);
    expect(again.timeline).toHaveLength(4);
    expect(again.suggestionOutcome.summary).toBe('每台电梯补贴20万元。');
  });

  it('tells the citizen why a suggestion was not adopted; other complaints have no outcome', async () => {
    const s = await registeredSuggestion();
    await handled(
      await publish(suggestionDecidedEvent, {
        ...change(s.id, s.petitionNumber),
        stage: 'decided',
        outcome: 'not-adopted',
        adoption: null,
        summary: null,
        reason: '现行政策已有相关规定',
      }),
    );
    const view = await status(s.trackingCode, s.queryCode);
    expect(view.suggestionOutcome).toMatchObject({
      outcome: 'not-adopted',
      outcomeText: '未采纳',
      adoption: null,
      reason: '现行政策已有相关规定',
    });
    expect(view.timeline.at(-1).note).toBe(
      '经成都市锦江区住房和城乡建设局研究，您的建议未予采纳，原因：现行政策已有相关规定',
    );

    const other = await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: complaintBody(),
    });
    const plain = await status(other.json().trackingCode, other.json().queryCode);
    expect(plain.suggestionOutcome).toBeNull();
  });
});
