import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseRegisteredEvent, type EventData, type EventEnvelope } from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { ReceptionRecordEntity } from './reception-record.entity.js';

/**
 * Gives a record whose matter became a new case (转为信访事项) the petition number petition
 * registered it under; every other registration is about something else and ignored.
 */
@Injectable()
export class LinkRecordToCaseHandler {
  @OnEvent(caseRegisteredEvent)
  async handle(
    event: EventEnvelope<EventData<typeof caseRegisteredEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const recordId = event.data.sourceReceptionRecordId;
    if (!recordId) return;
    await tx.update(
      ReceptionRecordEntity,
      { id: recordId, outcome: 'new-case' },
      { petitionNumber: event.data.petitionNumber },
    );
  }
}
