import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  caseAcceptedEvent,
  caseConcludedEvent,
  caseDeclinedEvent,
  caseExtendedEvent,
  caseRegisteredEvent,
  caseRepliedEvent,
  type EventDefinition,
  type EventEnvelope,
} from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { PLAIN_INDEX_SCAN } from '@minsheng/persistence';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { LoggingNotificationSender } from '../src/tracking/logging-notification.sender.js';
import { CLAIM_NOTICES } from '../src/tracking/notification-dispatcher.js';
import { NotificationSender } from '../src/tracking/notification-sender.js';
import { PETITION_TIMELINE } from '../src/tracking/petition-timeline.js';
import { SmsGatewaySimulator } from '../src/tracking/sms-gateway.simulator.js';
import { complaintBody } from './support/complaints.js';

describe('complaint intake: the public timeline and notices to the petitioner', () => {
  let intake: InProcessService;
  let nc: NatsConnection;
  let sms: SmsGatewaySimulator;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        NOTIFICATION_SENDER: 'sms-simulator',
        NOTIFICATION_POLL_MS: '100',
        INSTANCE_DIVISION: '510000',
        CHILD_INSTANCES: '510700',
        RATE_LIMITS_ENABLED: 'false',
      },
    });
    nc = await connect({ servers: backingServices().natsUrl });
    sms = intake.app.get(NotificationSender) as SmsGatewaySimulator;
  });

  afterAll(async () => {
    await nc?.close();
    await intake?.stop();
  });

  async function submit(overrides: { divisionCode?: string } = {}) {
    const body = complaintBody(overrides);
    const response = await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    const { trackingCode, queryCode } = response.json();
    const [{ id }] = await intake.schema.query<{ id: string }>(
      'SELECT id FROM complaint WHERE tracking_code = $1',
      [trackingCode],
    );
    return { id, trackingCode, queryCode, phone: body.petitioner.phone };
  }

  const status = async (trackingCode: string, queryCode: string) =>
    (
      await intake.http.inject({
        method: 'GET',
        url: `/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
      })
    ).json();

  async function publishRegistered(complaintId: string, petitionNumber: string) {
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      type: caseRegisteredEvent.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: '510104',
      correlationId: randomUUID(),
      data: {
        caseId: randomUUID(),
        petitionNumber,
        sourceComplaintId: complaintId,
        kind: 'appeal',
        channel: 'online',
        divisionCode: '510104',
        registeredAt: new Date().toISOString(),
      },
    };
    await jetstream(nc).publish(
      wireNames.event(intake.namespace, caseRegisteredEvent.subject),
      JSON.stringify(envelope),
      { msgID: envelope.eventId },
    );
    return envelope;
  }

  it('texts the petitioner a receipt at submission, and again when petition registers the case', async () => {
    const complaint = await submit();
    const receipt = await waitFor(async () => sms.sentTo(complaint.phone)[0], {
      what: 'the receipt SMS',
    });
    expect(receipt).toMatchObject({
      signName: '民声',
      content: `【民声】您的投诉（跟踪码 ${complaint.trackingCode}）投诉已提交，等待登记`,
      segments: 1,
    });

    await publishRegistered(complaint.id, '510104-2026-000901');
    const view = await waitFor(
      async () => {
        const body = await status(complaint.trackingCode, complaint.queryCode);
        return body.status === 'registered' ? body : undefined;
      },
      { what: 'registration on the timeline' },
    );
    expect(view).toMatchObject({
      statusText: '已登记',
      petitionNumber: '510104-2026-000901',
      timeline: [
        { step: 'submitted', status: 'submitted', note: '投诉已提交，等待登记' },
        {
          step: 'registered',
          status: 'registered',
          note: '已登记为信访事项，编号 510104-2026-000901',
        },
      ],
    });
    const second = await waitFor(async () => sms.sentTo(complaint.phone)[1], {
      what: 'the registration SMS',
    });
    expect(second.content).toBe(
      `【民声】您的投诉（跟踪码 ${complaint.trackingCode}）已登记为信访事项，编号 510104-2026-000901`,
    );
  });

  it('applies a redelivered or late event once: no second step, no second text', async () => {
    const complaint = await submit();
    const envelope = await publishRegistered(complaint.id, '510104-2026-000902');
    await waitFor(async () => sms.sentTo(complaint.phone).length === 2, { what: 'two texts' });
    // Same event again (a redelivery), then a different registration for the same complaint.
    await jetstream(nc).publish(
      wireNames.event(intake.namespace, caseRegisteredEvent.subject),
      JSON.stringify({ ...envelope, eventId: randomUUID() }),
    );
    await publishRegistered(complaint.id, '510104-2026-000999');
    await new Promise((r) => setTimeout(r, 500));
    const view = await status(complaint.trackingCode, complaint.queryCode);
    expect(view.petitionNumber).toBe('510104-2026-000902');
    expect(view.timeline).toHaveLength(2);
    expect(sms.sentTo(complaint.phone)).toHaveLength(2);
  });

  it('tells a petitioner whose complaint is held for another instance, in Chinese', async () => {
    const complaint = await submit({ divisionCode: '510703' }); // 绵阳市涪城区 → 510700 instance
    const text = await waitFor(async () => sms.sentTo(complaint.phone)[0], { what: 'routed SMS' });
    expect(text.content).toContain('按属地管理原则应由四川省绵阳市信访工作机构办理');
    expect(text.segments).toBe(2);
  });

  it('tries a notice again when the gateway fails, and marks it sent once it went out', async () => {
    const send = sms.send.bind(sms);
    let failures = 0;
    sms.send = async (notice) => {
      if (failures++ === 0) throw new Error('gateway unavailable');
      return send(notice);
    };
    try {
      const complaint = await submit();
      await waitFor(async () => sms.sentTo(complaint.phone)[0], { what: 'the retried SMS' });
      // The gateway answers before the row is marked sent: wait for the mark, not the text.
      const entry = await waitFor(
        async () => {
          const [row] = await intake.schema.query<{
            notified_at: Date | null;
            notify_attempts: number;
          }>(
            'SELECT notified_at, notify_attempts FROM complaint_timeline_entry WHERE complaint_id = $1',
            [complaint.id],
          );
          return row?.notified_at ? row : undefined;
        },
        { what: 'the notice marked sent' },
      );
      expect(entry.notified_at).toBeInstanceOf(Date);
      expect(entry.notify_attempts).toBe(2);
      expect(failures).toBe(2);
    } finally {
      sms.send = send;
    }
  });

  it('claims the next notices through the index in order, not every notice sent since the last vacuum', async () => {
    const complaint = await submit();
    await waitFor(async () => sms.sentTo(complaint.phone)[0], { what: 'the receipt SMS' });
    // 2,000 notices sent: each leaves a dead entry in the partial index of unsent notices.
    await intake.schema.query('BEGIN');
    await intake.schema.query(
      `INSERT INTO complaint_timeline_entry (complaint_id, status, step, note, at)
       SELECT $1, 'submitted', 'submitted', '投诉已提交，等待登记', now() FROM generate_series(1, 2000)`,
      [complaint.id],
    );
    await intake.schema.query(
      `UPDATE complaint_timeline_entry SET notified_at = now() WHERE complaint_id = $1`,
      [complaint.id],
    );
    await intake.schema.query('COMMIT');
    await intake.schema.query('BEGIN');
    try {
      await intake.schema.query(PLAIN_INDEX_SCAN);
      const [{ 'QUERY PLAN': plan }] = await intake.schema.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_NOTICES}`,
        [5, 100],
      );
      const nodes = JSON.stringify(plan);
      expect(nodes).not.toContain('Bitmap');
      expect(nodes).toContain('"Index Name":"complaint_timeline_entry_unnotified_idx"');
    } finally {
      await intake.schema.query('ROLLBACK');
    }
  });

  /** A petition workflow event about our complaint, as petition publishes it. */
  async function publishCaseChange(
    event: EventDefinition,
    complaintId: string,
    status: string,
    extra: Record<string, unknown>,
    notices: Array<{ type: string; title: string; text: string }> = [],
  ) {
    const now = new Date().toISOString();
    const data = {
      caseId: randomUUID(),
      petitionNumber: '510104-2026-000777',
      sourceComplaintId: complaintId,
      divisionCode: '510104',
      status,
      previousStatus: 'registered',
      at: now,
      actorOrganId: 'org-510104-xfj',
      leadOrganId: 'org-510104-zjj',
      coHandlingOrganIds: [],
      deadlines: {
        routeBy: now,
        acceptBy: now,
        objectBy: null,
        reportBy: null,
        concludeBy: null,
        reviewRequestBy: null,
        reviewDecideBy: null,
        reexaminationRequestBy: null,
        reexaminationDecideBy: null,
      },
      currentDeadline: null,
      notices: notices.map((n) => ({
        id: randomUUID(),
        issuedAt: now,
        issuingOrganId: null,
        ...n,
      })),
      missedDeadlines: [],
      ...extra,
    };
    expect(event.schema.safeParse(data).success).toBe(true);
    const envelope = {
      eventId: randomUUID(),
      type: event.subject,
      occurredAt: now,
      divisionCode: '510104',
      correlationId: randomUUID(),
      data,
    };
    await jetstream(nc).publish(
      wireNames.event(intake.namespace, event.subject),
      JSON.stringify(envelope),
      {
        msgID: envelope.eventId,
      },
    );
  }

  it('shows the case’s progress with the written notices, even when petition’s events arrive out of order', async () => {
    const complaint = await submit();
    // Accepted arrives before registered: it is retried until registration has been applied.
    await publishCaseChange(
      caseAcceptedEvent,
      complaint.id,
      'accepted',
      { acceptedAt: new Date().toISOString() },
      [{ type: 'acceptance', title: '受理告知书', text: '你反映的道路坑洼问题，本机关决定受理。' }],
    );
    await new Promise((r) => setTimeout(r, 100));
    await publishRegistered(complaint.id, '510104-2026-000777');
    await waitFor(
      async () => (await status(complaint.trackingCode, complaint.queryCode)).status === 'accepted',
      {
        what: 'acceptance after registration',
      },
    );
    await publishCaseChange(caseExtendedEvent, complaint.id, 'accepted', {
      days: 30,
      reason: '需要协调多个部门',
    });
    await waitFor(
      async () => (await status(complaint.trackingCode, complaint.queryCode)).timeline.length === 4,
      { what: 'the extension' },
    );
    const repliedAt = new Date().toISOString();
    await publishCaseChange(
      caseRepliedEvent,
      complaint.id,
      'replied',
      { repliedAt, summary: '已修复路面' },
      [{ type: 'handling-opinion', title: '处理意见书', text: '经查，路面已于本月修复。' }],
    );
    const view = await waitFor(
      async () => {
        const body = await status(complaint.trackingCode, complaint.queryCode);
        return body.status === 'replied' ? body : undefined;
      },
      { what: 'the reply' },
    );
    expect(view).toMatchObject({ statusText: '已答复', repliedAt });
    expect(view.timeline.map((t: { step: string; note: string }) => [t.step, t.note])).toEqual([
      ['submitted', '投诉已提交，等待登记'],
      ['registered', '已登记为信访事项，编号 510104-2026-000777'],
      ['accepted', '受理告知书：你反映的道路坑洼问题，本机关决定受理。'],
      ['extended', '办理期限延长 30 日：需要协调多个部门'],
      ['replied', '处理意见书：经查，路面已于本月修复。'],
    ]);
    // The reply opens rating, with no database shortcut.
    const rated = await intake.http.inject({
      method: 'POST',
      url: `/api/v1/complaints/${complaint.trackingCode}/rating`,
      headers: { 'content-type': 'application/json' },
      payload: { queryCode: complaint.queryCode, office: 'satisfied', organ: 'satisfied' },
    });
    expect(rated.statusCode).toBe(201);
    await publishCaseChange(caseConcludedEvent, complaint.id, 'concluded', {
      concludedAt: new Date().toISOString(),
      summary: null,
    });
    await waitFor(
      async () =>
        (await status(complaint.trackingCode, complaint.queryCode)).status === 'concluded',
      {
        what: 'conclusion',
      },
    );
    await waitFor(async () => sms.sentTo(complaint.phone).length === 7, {
      what: 'a text per step',
    });
  });

  it('shows a declined case with its reason', async () => {
    const complaint = await submit();
    await publishRegistered(complaint.id, '510104-2026-000778');
    await publishCaseChange(caseDeclinedEvent, complaint.id, 'declined', {
      reason: '不属于信访事项受理范围',
    });
    const view = await waitFor(
      async () => {
        const body = await status(complaint.trackingCode, complaint.queryCode);
        return body.status === 'declined' ? body : undefined;
      },
      { what: 'the decline' },
    );
    expect(view.statusText).toBe('不予受理');
    expect(view.timeline.at(-1)).toMatchObject({
      step: 'declined',
      note: '不予受理：不属于信访事项受理范围',
    });
  });

  it('follows every petition event of its one-line mapping with a durable consumer', async () => {
    expect(PETITION_TIMELINE.map((s) => [s.event.subject, s.step])).toEqual([
      ['petition.case.registered', 'registered'],
      ['petition.case.transferred', 'routed'],
      ['petition.case.assigned', 'routed'],
      ['petition.case.accepted', 'accepted'],
      ['petition.case.declined', 'declined'],
      ['petition.case.extended', 'extended'],
      ['petition.case.replied', 'replied'],
      ['petition.case.concluded', 'concluded'],
    ]);
    const jsm = await jetstreamManager(nc);
    for (const { event } of PETITION_TIMELINE) {
      const info = await jsm.consumers.info(
        wireNames.ownerStream(intake.namespace, event.owner),
        wireNames.durable('complaint-intake', event.subject),
      );
      expect(info.config.filter_subject).toBe(wireNames.event(intake.namespace, event.subject));
    }
  });
});

describe('notification senders', () => {
  it('the logging sender writes the number masked, never in plain', async () => {
    const calls: unknown[][] = [];
    const log = Object.getOwnPropertyDescriptor(Logger.prototype, 'log')!;
    Logger.prototype.log = (...args: unknown[]) => void calls.push(args);
    try {
      await new LoggingNotificationSender().send({
        complaintId: randomUUID(),
        trackingCode: 'T0000000TEST',
        step: 'submitted',
        phone: '13912345678',
        text: '【民声】您的投诉（跟踪码 T0000000TEST）投诉已提交，等待登记',
      });
      const written = JSON.stringify(calls);
      expect(written).toContain('139****5678');
      expect(written).not.toContain('13912345678');
      expect(written).toContain('投诉已提交');
    } finally {
      Object.defineProperty(Logger.prototype, 'log', log);
    }
  });

  it('the SMS simulator refuses what a gateway refuses: bad numbers, unsigned or overlong texts, and floods', async () => {
    const gateway = new SmsGatewaySimulator(['民声'], 2);
    const notice = {
      complaintId: randomUUID(),
      trackingCode: 'T0000000TEST',
      step: 'submitted' as const,
      phone: '13912345678',
      text: '【民声】测试',
    };
    await expect(gateway.send({ ...notice, phone: '02812345678' })).rejects.toMatchObject({
      code: 'MOBILE_NUMBER_ILLEGAL',
    });
    await expect(gateway.send({ ...notice, text: '测试' })).rejects.toMatchObject({
      code: 'SIGN_NAME_ILLEGAL',
    });
    await expect(
      gateway.send({ ...notice, text: `【民声】${'长'.repeat(500)}` }),
    ).rejects.toMatchObject({
      code: 'CONTENT_TOO_LONG',
    });
    await gateway.send(notice);
    await gateway.send({ ...notice, text: `【民声】${'字'.repeat(100)}` });
    await expect(gateway.send(notice)).rejects.toMatchObject({ code: 'BUSINESS_LIMIT_CONTROL' });
    expect(gateway.sentTo('13912345678').map((m) => m.segments)).toEqual([1, 2]);
  });
});
