import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseRegisteredEvent, type EventData, type EventEnvelope } from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { ComplaintEntity } from './complaint.entity.js';
import { ComplaintTimelineEntryEntity } from './complaint-timeline-entry.entity.js';

/** When petition registers a case from a complaint, the complaint shows it to the citizen. */
@Injectable()
export class RecordCaseRegistrationHandler {
  private readonly logger = new Logger(RecordCaseRegistrationHandler.name);

  @OnEvent(caseRegisteredEvent)
  async handle(
    event: EventEnvelope<EventData<typeof caseRegisteredEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const { sourceComplaintId, petitionNumber, registeredAt } = event.data;
    if (!sourceComplaintId) return;
    const result = await tx.update(
      ComplaintEntity,
      { id: sourceComplaintId, status: 'submitted' },
      { status: 'registered', petitionNumber, updatedAt: new Date() },
    );
    if (!result.affected) {
      // Registered at another instance, or already recorded: nothing of ours to change.
      this.logger.warn(
        { sourceComplaintId },
        'case registered for a complaint not awaiting registration',
      );
      return;
    }
    await tx.insert(ComplaintTimelineEntryEntity, {
      complaintId: sourceComplaintId,
      status: 'registered',
      note: `已登记为信访事项，编号 ${petitionNumber}`,
      at: new Date(registeredAt),
    });
  }
}
