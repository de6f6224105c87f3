import { randomUUID } from 'node:crypto';
import {
  caseOwnershipTakenEvent,
  leaderMessageConvertedToCaseEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { PersonalData } from '@minsheng/runtime';
import { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import {
  ACTORS,
  api,
  deliver,
  outboxEvents,
  registerLetter,
  type Loose,
} from './support/petition-test-kit.js';

function envelope<T>(subject: string, divisionCode: string, data: T): EventEnvelope<T> {
  return {
    eventId: randomUUID(),
    type: subject,
    occurredAt: new Date().toISOString(),
    divisionCode,
    correlationId: randomUUID(),
    data,
  };
}

describe('petition: 包案 and cases from leaders’ message boards', () => {
  let petition: InProcessService;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, { entities, migrations });
  });

  afterAll(async () => {
    await petition?.stop();
  });

  const handled = (eventId: string) =>
    waitFor(
      async () =>
        (await petition.schema.count('inbox', 'event_id = $1', [eventId])) > 0 ? true : undefined,
      { what: `event ${eventId} handled` },
    );

  const detail = async (petitionNumber: string): Promise<Loose> => {
    const response = await api(petition).get(`/api/v1/cases/${petitionNumber}`, ACTORS.clerk);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('case ownership (包案) from video-reception', () => {
    const ownership = (
      petitionNumber: string,
      takenAt: Date,
      leader: { id: string; name: string; title: string },
    ) => {
      const followUpDeadline = new Date(takenAt.getTime() + 15 * 86_400_000);
      return envelope<EventData<typeof caseOwnershipTakenEvent>>(
        caseOwnershipTakenEvent.subject,
        '510104',
        {
          caseOwnershipId: randomUUID(),
          petitionNumber,
          leaderId: leader.id,
          leaderName: leader.name,
          leaderTitle: leader.title,
          leaderDivisionCode: '510104',
          bookingId: randomUUID(),
          recordId: randomUUID(),
          takenAt: takenAt.toISOString(),
          followUpDeadline: followUpDeadline.toISOString(),
          followUpDays: 15,
          dayCountMode: 'calendar-day',
        },
      );
    };
    const deputy = { id: 'leader-zhang', name: '张伟', title: '副区长' };
    const head = { id: 'leader-li', name: '李强', title: '区长' };

    it('shows the leader as the owner of the case, on its timeline and in the audit trail', async () => {
      const petitionNumber = await registerLetter(petition);
      expect((await detail(petitionNumber)).owner).toBeNull();
      const taken = ownership(petitionNumber, new Date(), deputy);
      await deliver(petition, caseOwnershipTakenEvent, taken);
      await handled(taken.eventId);

      const body = await detail(petitionNumber);
      expect(body.owner).toEqual({
        leaderId: deputy.id,
        leaderName: deputy.name,
        leaderTitle: deputy.title,
        since: taken.data.takenAt,
        followUpDeadline: taken.data.followUpDeadline,
      });
      expect(body.status).toBe('registered');
      const entry = body.timeline.find((e: Loose) => e.action === 'ownership-taken');
      expect(entry).toMatchObject({ label: '领导包案', actorId: 'system' });
      expect(entry.note).toContain('副区长张伟包案');
      const [record] = await petition.schema.query<{ actor_id: string; details: Loose }>(
        `SELECT actor_id, details FROM audit_record WHERE action = 'case.ownership-taken' AND target_id = $1`,
        [body.id],
      );
      expect(record.actor_id).toBe('system');
      expect(record.details.caseOwnershipId).toBe(taken.data.caseOwnershipId);
    });

    it('keeps the later ownership when an older one arrives after it', async () => {
      const petitionNumber = await registerLetter(petition);
      const now = Date.now();
      const later = ownership(petitionNumber, new Date(now), head);
      const older = ownership(petitionNumber, new Date(now - 86_400_000), deputy);
      await deliver(petition, caseOwnershipTakenEvent, later);
      await handled(later.eventId);
      await deliver(petition, caseOwnershipTakenEvent, older);
      await handled(older.eventId);

      const body = await detail(petitionNumber);
      expect(body.owner).toMatchObject({ leaderId: head.id, since: later.data.takenAt });
      expect(body.timeline.filter((e: Loose) => e.action === 'ownership-taken')).toHaveLength(1);

      const newer = ownership(petitionNumber, new Date(now + 60_000), deputy);
      await deliver(petition, caseOwnershipTakenEvent, newer);
      await handled(newer.eventId);
      expect((await detail(petitionNumber)).owner).toMatchObject({
        leaderId: deputy.id,
        since: newer.data.takenAt,
      });
    });

    it('ignores a petition number it does not hold', async () => {
      const stranger = ownership('510104-2099-999999', new Date(), deputy);
      await deliver(petition, caseOwnershipTakenEvent, stranger);
      await handled(stranger.eventId);
      expect(
        await petition.schema.count('petition_case', 'petition_number = $1', [
          '510104-2099-999999',
        ]),
      ).toBe(0);
    });
  });

  describe('cases from leader-message', () => {
    const converted = (contactPhone: string | null) => {
      const personalData = petition.app.get(PersonalData);
      return envelope<EventData<typeof leaderMessageConvertedToCaseEvent>>(
        leaderMessageConvertedToCaseEvent.subject,
        '510104',
        {
          messageId: randomUUID(),
          boardId: randomUUID(),
          externalId: `ext-${randomUUID()}`,
          leaderId: 'leader-li',
          divisionCode: '510104',
          title: '小区门口道路积水严重',
          content: '每逢下雨小区门口道路积水没过脚踝，居民出行困难，希望尽快疏通排水管道。',
          type: '投诉',
          domain: '城乡建设',
          postedAt: new Date(Date.now() - 86_400_000).toISOString(),
          authorName: '赵六',
          contactPhoneEncrypted: contactPhone && personalData.phone(contactPhone).encrypted,
          convertedAt: new Date().toISOString(),
          convertedBy: 'leader-office-1',
        },
      );
    };

    const caseOfMessage = (messageId: string) =>
      waitFor(
        async () =>
          (
            await petition.schema.query<{ id: string; petition_number: string }>(
              'SELECT id, petition_number FROM petition_case WHERE source_message_id = $1',
              [messageId],
            )
          )[0],
        { what: `a case for message ${messageId}` },
      );

    it('registers a message-board case and names the message in petition.case.registered', async () => {
      const event = converted('13700002222');
      await deliver(petition, leaderMessageConvertedToCaseEvent, event);
      const row = await caseOfMessage(event.data.messageId);

      const [registered] = await outboxEvents(petition, 'petition.case.registered', row.id);
      expect(registered.data).toMatchObject({
        petitionNumber: row.petition_number,
        channel: 'message-board',
        sourceComplaintId: null,
        sourceMessageId: event.data.messageId,
        divisionCode: '510104',
        registeringOrganId: '510104-xfj',
      });
      expect(registered.correlationId).toBe(event.correlationId);

      const body = await detail(row.petition_number);
      expect(body).toMatchObject({
        channel: 'message-board',
        sourceMessageId: event.data.messageId,
        status: 'registered',
        title: event.data.title,
        petitioner: { name: '赵六', phoneMasked: '137****2222' },
      });
      expect(JSON.stringify(body)).not.toContain('13700002222');
    });

    it('carries the message id on the workflow events of the case', async () => {
      const event = converted(null);
      await deliver(petition, leaderMessageConvertedToCaseEvent, event);
      const row = await caseOfMessage(event.data.messageId);
      const response = await api(petition).post(
        `/api/v1/cases/${row.petition_number}/transfer`,
        ACTORS.clerk,
        { leadOrganId: '510104-zjj' },
      );
      expect(response.status).toBe(200);
      const [transferred] = await outboxEvents(petition, 'petition.case.transferred', row.id);
      expect(transferred.data.sourceMessageId).toBe(event.data.messageId);
    });

    it('registers one case when the same message is converted twice', async () => {
      const event = converted(null);
      await deliver(petition, leaderMessageConvertedToCaseEvent, event);
      await caseOfMessage(event.data.messageId);
      const again = { ...event, eventId: randomUUID() };
      await deliver(petition, leaderMessageConvertedToCaseEvent, again);
      await handled(again.eventId);
      expect(
        await petition.schema.count('petition_case', 'source_message_id = $1', [
          event.data.messageId,
        ]),
      ).toBe(1);
    });
  });
});
