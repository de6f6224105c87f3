import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { reviewRequestedEvent, type EventData, type EventEnvelope } from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { WorkflowRefusedException } from '../case/case.errors.js';
import { caseActions } from '../case/case-actions.js';
import { CaseWorkflow } from '../case/case-workflow.js';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';

/**
 * 请求复查 by the petitioner through intake: the request goes to the organ above the one that
 * handled the case. A refusal by the workflow (too late, not replied) is recorded and not retried —
 * it would be refused again; intake checks the same window before it accepts the request.
 */
@Injectable()
export class RequestReviewFromIntakeHandler {
  private readonly logger = new Logger(RequestReviewFromIntakeHandler.name);

  constructor(private readonly workflow: CaseWorkflow) {}

  @OnEvent(reviewRequestedEvent)
  async handle(
    event: EventEnvelope<EventData<typeof reviewRequestedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const request = event.data;
    const target = await tx.findOne(PetitionCaseEntity, {
      where: { sourceComplaintId: request.complaintId },
      select: { id: true },
    });
    if (!target) {
      this.logger.warn(
        { complaintId: request.complaintId },
        'review requested for an unknown case',
      );
      return;
    }
    try {
      await this.workflow.act(
        { kind: 'petitioner' },
        { id: target.id },
        caseActions.requestReview({ reason: request.reason }),
        tx,
      );
    } catch (error) {
      if (!(error instanceof WorkflowRefusedException)) throw error;
      this.logger.warn(
        { caseId: target.id, code: error.failure.code },
        'review request from intake refused by the workflow',
      );
    }
  }
}
