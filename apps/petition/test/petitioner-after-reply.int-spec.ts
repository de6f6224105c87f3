import { randomUUID } from 'node:crypto';
import {
  complaintRatedEvent,
  complaintSubmittedEvent,
  reviewRequestedEvent,
  type EventEnvelope,
} from '@minsheng/contracts';
import { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import {
  ACTORS,
  ORGANS,
  api,
  caseOfComplaint,
  complaintEnvelope,
  deliver,
  outboxEvents,
  walk,
} from './support/petition-test-kit.js';

describe('petition: the petitioner’s rating and review request, through intake', () => {
  let petition: InProcessService;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { SUPERVISION_SCAN_INTERVAL_MS: '0' },
    });
  });

  afterAll(async () => {
    await petition?.stop();
  });

  async function onlineCase(steps: Parameters<typeof walk>[2]) {
    const submitted = complaintEnvelope(petition);
    await deliver(petition, complaintSubmittedEvent, submitted);
    const number = await caseOfComplaint(petition, submitted.data.complaintId);
    await walk(petition, number, steps);
    const [{ id }] = await petition.schema.query<{ id: string }>(
      'SELECT id FROM petition_case WHERE petition_number = $1',
      [number],
    );
    return { complaintId: submitted.data.complaintId, number, id };
  }

  const rating = (
    complaintId: string,
    petitionNumber: string,
    office = 'satisfied',
    organ = 'basically-satisfied',
  ) =>
    ({
      eventId: randomUUID(),
      type: complaintRatedEvent.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: '510104',
      correlationId: randomUUID(),
      data: {
        complaintId,
        trackingCode: 'T0000000TEST',
        petitionNumber,
        divisionCode: '510104',
        office,
        organ,
        comment: '处理及时',
        repliedAt: new Date().toISOString(),
        ratedAt: new Date().toISOString(),
      },
    }) satisfies EventEnvelope;

  it('keeps the two satisfaction ratings once and publishes petition.case.rated', async () => {
    const { complaintId, number, id } = await onlineCase([
      'transfer',
      'accept',
      'reply',
      'conclude',
    ]);
    await deliver(petition, complaintRatedEvent, rating(complaintId, number));
    await waitFor(
      async () => (await petition.schema.count('case_rating', 'case_id = $1', [id])) === 1,
      {
        what: 'the rating',
      },
    );
    // Rated again (a second event from intake): the first rating stands.
    await deliver(
      petition,
      complaintRatedEvent,
      rating(complaintId, number, 'dissatisfied', 'dissatisfied'),
    );
    const marker = await onlineCase(['transfer', 'accept', 'reply']);
    await deliver(petition, complaintRatedEvent, rating(marker.complaintId, marker.number));
    await waitFor(
      async () => (await petition.schema.count('case_rating', 'case_id = $1', [marker.id])) === 1,
      {
        what: 'the marker rating',
      },
    );

    const { body } = await api(petition).get(`/api/v1/cases/${number}`, ACTORS.clerk);
    expect(body.rating).toMatchObject({ office: 'satisfied', organ: 'basically-satisfied' });
    const events = await outboxEvents(petition, 'petition.case.rated', id);
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      office: 'satisfied',
      organ: 'basically-satisfied',
      ratedOrganId: ORGANS.jinjiangHousing,
      status: 'concluded',
    });
  });

  it('ignores a rating for a case not yet replied to', async () => {
    const { complaintId, number, id } = await onlineCase(['transfer']);
    await deliver(petition, complaintRatedEvent, rating(complaintId, number));
    const marker = await onlineCase(['transfer', 'accept', 'reply']);
    await deliver(petition, complaintRatedEvent, rating(marker.complaintId, marker.number));
    await waitFor(
      async () => (await petition.schema.count('case_rating', 'case_id = $1', [marker.id])) === 1,
      {
        what: 'the marker rating',
      },
    );
    expect(await petition.schema.count('case_rating', 'case_id = $1', [id])).toBe(0);
  });

  it('turns a review request into review by the organ above the one that handled the case', async () => {
    const { complaintId, number, id } = await onlineCase(['transfer', 'accept', 'reply']);
    await deliver(petition, reviewRequestedEvent, {
      eventId: randomUUID(),
      type: reviewRequestedEvent.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: '510104',
      correlationId: randomUUID(),
      data: {
        reviewRequestId: randomUUID(),
        complaintId,
        trackingCode: 'T0000000TEST',
        petitionNumber: number,
        divisionCode: '510104',
        reason: '对答复不满意',
        repliedAt: new Date().toISOString(),
        requestedAt: new Date().toISOString(),
      },
    });
    const [event] = await waitFor(async () => {
      const events = await outboxEvents(petition, 'petition.case.review-requested', id);
      return events.length ? events : undefined;
    });
    expect(event.data).toMatchObject({
      status: 'under-review',
      reviewOrganId: ORGANS.jinjiangGovernment,
      reason: '对答复不满意',
      actorOrganId: null,
    });
    const [record] = await petition.schema.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_record WHERE action = 'case.request-review' AND target_id = $1`,
      [id],
    );
    expect(record.actor_id).toBe('petitioner');
  });
});
