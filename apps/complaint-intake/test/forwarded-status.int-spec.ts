import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { forwardedCaseStatusReceivedEvent, type EventEnvelope } from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';

// The province forwards a complaint for 锦江区 (510104) to the city instance; the exchange brings
// back each step of its handling there, which the petitioner sees where they submitted it.
describe('complaint intake: progress of a complaint forwarded to another tier', () => {
  let intake: InProcessService;
  let nc: NatsConnection;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { INSTANCE_DIVISION: '510000', CHILD_INSTANCES: '510100', RATE_LIMITS_ENABLED: 'false' },
    });
    nc = await connect({ servers: backingServices().natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await intake?.stop();
  });

  async function forwarded() {
    const response = await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: complaintBody({ divisionCode: '510104' }),
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { trackingCode: string; queryCode: string; status: string };
  }

  /** A status report as exchange-gateway publishes it after applying the envelope. */
  async function report(
    trackingCode: string,
    event: string,
    status: string,
    summary: string | null = null,
    eventId: string = randomUUID(),
    occurredAt: Date = new Date(),
  ) {
    const envelope: EventEnvelope = {
      eventId,
      type: forwardedCaseStatusReceivedEvent.subject,
      occurredAt: occurredAt.toISOString(),
      divisionCode: '510104',
      correlationId: randomUUID(),
      data: {
        trackingCode,
        handlingDivision: '510104',
        petitionNumber: '510104-2026-000321',
        status,
        event,
        at: new Date().toISOString(),
        summary,
      },
    };
    await jetstream(nc).publish(
      wireNames.event(intake.namespace, forwardedCaseStatusReceivedEvent.subject),
      JSON.stringify(envelope),
      { msgID: `${eventId}:${Math.random()}` },
    );
    return envelope;
  }

  async function view({ trackingCode, queryCode }: { trackingCode: string; queryCode: string }) {
    return (
      await intake.http.inject({
        method: 'GET',
        url: `/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
      })
    ).json() as {
      status: string;
      petitionNumber: string | null;
      repliedAt: string | null;
      timeline: { step: string; status: string; note: string }[];
    };
  }

  it('shows each reported step once on the timeline and moves the status on, so the petitioner can ask for review after the reply', async () => {
    const complaint = await forwarded();
    expect(complaint.status).toBe('awaiting-exchange');

    const registered = await report(
      complaint.trackingCode,
      'petition.case.registered',
      'registered',
    );
    await waitFor(async () => (await view(complaint)).status === 'registered', {
      what: 'the registration',
    });
    // The same event delivered again (a redelivery) adds nothing.
    await report(
      complaint.trackingCode,
      'petition.case.registered',
      'registered',
      null,
      registered.eventId,
    );
    await report(complaint.trackingCode, 'petition.case.accepted', 'accepted');
    await report(complaint.trackingCode, 'petition.case.replied', 'replied', '已安排维修路面');
    const replied = await waitFor(
      async () => {
        const v = await view(complaint);
        return v.status === 'replied' ? v : undefined;
      },
      { what: 'the reply' },
    );
    expect(replied.petitionNumber).toBe('510104-2026-000321');
    expect(replied.repliedAt).not.toBeNull();
    expect(replied.timeline.map((t) => [t.step, t.status])).toEqual([
      ['routed', 'awaiting-exchange'],
      ['registered', 'registered'],
      ['accepted', 'accepted'],
      ['replied', 'replied'],
    ]);
    expect(replied.timeline[1].note).toContain('成都市锦江区');
    expect(replied.timeline[3].note).toBe('已书面答复：已安排维修路面');

    const review = await intake.http.inject({
      method: 'POST',
      url: `/api/v1/complaints/${complaint.trackingCode}/review-request`,
      headers: { 'content-type': 'application/json' },
      payload: { queryCode: complaint.queryCode, reason: '维修不及时' },
    });
    expect(review.statusCode).toBe(201);
  });

  it('puts a step the handling tier reported out of order back in its place when it follows within seconds', async () => {
    const complaint = await forwarded();
    await report(complaint.trackingCode, 'petition.case.registered', 'registered');
    await waitFor(async () => (await view(complaint)).status === 'registered', {
      what: 'the registration',
    });
    // Accepted, then replied moments later: their reports crossed at the handling tier.
    await report(complaint.trackingCode, 'petition.case.replied', 'replied', '已书面答复当事人');
    await report(complaint.trackingCode, 'petition.case.accepted', 'accepted');
    const replied = await waitFor(
      async () => {
        const v = await view(complaint);
        return v.timeline.length === 4 ? v : undefined;
      },
      { what: 'both steps' },
    );
    expect(replied.status).toBe('replied');
    expect(replied.timeline.map((t) => [t.step, t.status])).toEqual([
      ['routed', 'awaiting-exchange'],
      ['registered', 'registered'],
      ['accepted', 'accepted'],
      ['replied', 'replied'],
    ]);
  });

  it('never moves a complaint back, and ignores reports about complaints it did not forward', async () => {
    const complaint = await forwarded();
    // Reported long after it happened (a backlog), so nothing is awaited before it.
    const minuteAgo = new Date(Date.now() - 60_000);
    await report(
      complaint.trackingCode,
      'petition.case.accepted',
      'accepted',
      null,
      randomUUID(),
      minuteAgo,
    );
    await waitFor(async () => (await view(complaint)).status === 'accepted', {
      what: 'the acceptance',
    });
    // A late registration report: a step on the timeline, the status stays accepted.
    await report(complaint.trackingCode, 'petition.case.registered', 'registered');
    const late = await waitFor(
      async () => {
        const v = await view(complaint);
        return v.timeline.length === 3 ? v : undefined;
      },
      { what: 'the late step' },
    );
    expect(late.status).toBe('accepted');
    expect(late.timeline.at(-1)).toMatchObject({ step: 'registered', status: 'accepted' });

    // A complaint handled here (not forwarded) is not changed by a forged report.
    const local = await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: complaintBody({ divisionCode: '511702' }),
    });
    const own = local.json() as { trackingCode: string; queryCode: string };
    await report(own.trackingCode, 'petition.case.replied', 'replied', '伪造');
    await report(complaint.trackingCode, 'petition.case.replied', 'replied', '标记');
    await waitFor(async () => (await view(complaint)).status === 'replied', {
      what: 'the marker report',
    });
    const untouched = await view(own);
    expect(untouched.status).toBe('submitted');
    expect(untouched.timeline.map((t) => t.step)).toEqual(['submitted']);
  });
});
