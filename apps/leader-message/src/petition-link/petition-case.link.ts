import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  caseConcludedEvent,
  caseRegisteredEvent,
  defineEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { BoardMessageEntity } from '../message/board-message.entity.js';

/**
 * `petition.case.registered` as petition will publish it for a case registered from a message:
 * today's contract has only `sourceComplaintId`; `sourceMessageId` is what petition must add
 * (optional here, so today's events parse and are ignored).
 */
export const caseRegisteredFromMessageEvent = defineEvent(
  caseRegisteredEvent.subject,
  caseRegisteredEvent.schema.extend({ sourceMessageId: z.uuid().nullable().optional() }),
);

/**
 * Keeps the link both ways: the case's number is stored on the message when petition registers
 * it, and the case's conclusion (办结), matched by that number, is reflected on the message.
 */
@Injectable()
export class PetitionCaseLink {
  @OnEvent(caseRegisteredFromMessageEvent)
  async registered(
    event: EventEnvelope<EventData<typeof caseRegisteredFromMessageEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const messageId = event.data.sourceMessageId;
    if (!messageId) return;
    await tx.update(
      BoardMessageEntity,
      { id: messageId, status: 'converted' },
      { petitionNumber: event.data.petitionNumber },
    );
  }

  @OnEvent(caseConcludedEvent)
  async concluded(
    event: EventEnvelope<EventData<typeof caseConcludedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    await tx.update(
      BoardMessageEntity,
      { petitionNumber: event.data.petitionNumber, status: 'converted' },
      {
        status: 'concluded',
        caseConcludedAt: new Date(event.data.concludedAt),
        caseConclusion: event.data.summary,
      },
    );
  }
}
