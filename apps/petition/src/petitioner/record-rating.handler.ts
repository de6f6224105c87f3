import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  caseRatedEvent,
  complaintRatedEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { AuditTrail } from '@minsheng/audit';
import { EventPublisher, OnEvent } from '@minsheng/messaging';
import { CaseTimelineEntryEntity } from '../case/case-timeline-entry.entity.js';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { caseRef } from '../repeat/repeat-detector.js';

const LEVEL_WORDS = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};

/**
 * 满意度评价: the petitioner's two ratings — the petition office and the responsible organ — kept
 * once per case (a second rating, or the same one redelivered, changes nothing) and published.
 */
@Injectable()
export class RecordRatingHandler {
  private readonly logger = new Logger(RecordRatingHandler.name);

  constructor(
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
  ) {}

  @OnEvent(complaintRatedEvent)
  async handle(
    event: EventEnvelope<EventData<typeof complaintRatedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const rating = event.data;
    const entity = await tx.findOne(PetitionCaseEntity, {
      where: { sourceComplaintId: rating.complaintId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!entity || entity.repliedAt === null) {
      // Intake lets the petitioner rate only after the reply; anything else is not ours to keep.
      this.logger.warn(
        { complaintId: rating.complaintId, known: Boolean(entity) },
        'rating for a case that is unknown or not replied to: ignored',
      );
      return;
    }
    const ratedAt = new Date(rating.ratedAt);
    const inserted: unknown[] = await tx.query(
      `INSERT INTO case_rating (case_id, complaint_id, office, organ, comment, rated_organ_id, rated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
      [
        entity.id,
        rating.complaintId,
        rating.office,
        rating.organ,
        rating.comment,
        entity.leadOrganId,
        ratedAt,
      ],
    );
    if (inserted.length === 0) return;
    await tx.insert(CaseTimelineEntryEntity, {
      caseId: entity.id,
      at: ratedAt,
      action: 'rated',
      actorId: 'petitioner',
      actorRoles: [],
      actorOrganId: null,
      fromStatus: entity.status,
      toStatus: entity.status,
      note: `信访工作机构：${LEVEL_WORDS[rating.office]}；责任单位：${LEVEL_WORDS[rating.organ]}`,
      details: { office: rating.office, organ: rating.organ } as never,
    });
    await this.events.publish(
      tx,
      caseRatedEvent,
      {
        ...caseRef(entity),
        office: rating.office,
        organ: rating.organ,
        ratedOrganId: entity.leadOrganId,
        ratedAt: ratedAt.toISOString(),
      },
      { divisionCode: entity.divisionCode, occurredAt: ratedAt },
    );
    await this.audit.record(
      {
        action: 'case.rated',
        outcome: 'success',
        actor: { id: 'petitioner', roles: [], divisionCode: null },
        target: { type: 'petition-case', id: entity.id },
        divisionCode: entity.divisionCode,
        details: {
          petitionNumber: entity.petitionNumber,
          office: rating.office,
          organ: rating.organ,
        },
      },
      tx,
    );
  }
}
