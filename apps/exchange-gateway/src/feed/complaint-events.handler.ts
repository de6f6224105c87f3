import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  complaintRoutedEvent,
  complaintSubmittedEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { ComplaintSubmissionEntity } from '../integrator/complaint-submission.entity.js';
import { ChangeRecorder } from './change-recorder.js';
import { TrackedCaseEntity } from './tracked-case.entity.js';

type Submitted = EventData<typeof complaintSubmittedEvent>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Intake's announcements of complaints. One carrying a client's `source` tells the gateway the
 * tracking code of what that client handed over; every one goes into the change feed. Named
 * consumers (`integrator`), so the federation's handlers of the same events stay separate.
 */
@Injectable()
export class ComplaintEventsHandler {
  constructor(private readonly changes: ChangeRecorder) {}

  @OnEvent(complaintSubmittedEvent, { name: 'integrator' })
  async submitted(event: EventEnvelope<Submitted>, tx: EntityManager): Promise<void> {
    await this.apply(event, tx, 'complaint.submitted', 'submitted');
  }

  @OnEvent(complaintRoutedEvent, { name: 'integrator' })
  async routed(
    event: EventEnvelope<EventData<typeof complaintRoutedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    await this.apply(event, tx, 'complaint.routed', 'awaiting-exchange');
  }

  private async apply(
    event: EventEnvelope<Submitted>,
    tx: EntityManager,
    type: string,
    status: string,
  ): Promise<void> {
    const d = event.data;
    const submission = await this.submissionOf(tx, d);
    const trackedCase = await tx.findOne(TrackedCaseEntity, {
      where: { complaintId: d.complaintId },
    });
    if (submission) {
      await tx.update(
        ComplaintSubmissionEntity,
        { reference: submission.reference },
        {
          status,
          trackingCode: d.trackingCode,
          complaintId: d.complaintId,
          ...(trackedCase
            ? { caseId: trackedCase.caseId, petitionNumber: trackedCase.petitionNumber }
            : {}),
          updatedAt: new Date(),
        },
      );
      await this.changes.attribute(tx, d.complaintId, submission.clientId, submission.reference);
    }
    await this.changes.record(tx, {
      eventId: event.eventId,
      type,
      occurredAt: new Date(event.occurredAt),
      divisionCode: d.divisionCode,
      complaintId: d.complaintId,
      caseId: null,
      trackingCode: d.trackingCode,
      petitionNumber: null,
      status,
      previousStatus: null,
      categoryCode: d.categoryCode || null,
      leadOrganId: null,
      currentDeadline: null,
      clientId: submission?.clientId ?? null,
      reference: submission?.reference ?? null,
    });
  }

  private async submissionOf(
    tx: EntityManager,
    d: Submitted,
  ): Promise<ComplaintSubmissionEntity | null> {
    const source = d.source;
    if (!source || (source.kind !== 'integrator' && source.kind !== 'open311')) return null;
    if (!UUID.test(source.reference)) return null;
    return tx.findOne(ComplaintSubmissionEntity, {
      where: { reference: source.reference, clientId: source.id },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
