import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseOwnershipTakenEvent, type EventData, type EventEnvelope } from '@minsheng/contracts';
import { AuditTrail, SYSTEM_ACTOR } from '@minsheng/audit';
import { OnEvent } from '@minsheng/messaging';
import { CaseTimelineEntryEntity } from './case-timeline-entry.entity.js';
import { PetitionCaseEntity } from './petition-case.entity.js';

const chinaDate = (at: Date) => at.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

/**
 * 包案: a leader took a case on at a video reception. The case shows the leader as its owner with
 * the follow-up deadline; a later 包案 replaces an earlier one, an older event changes nothing,
 * and a number this service does not hold is ignored.
 */
@Injectable()
export class TakeCaseOwnershipHandler {
  private readonly logger = new Logger(TakeCaseOwnershipHandler.name);

  constructor(private readonly audit: AuditTrail) {}

  @OnEvent(caseOwnershipTakenEvent)
  async handle(
    event: EventEnvelope<EventData<typeof caseOwnershipTakenEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const taken = event.data;
    const entity = await tx.findOne(PetitionCaseEntity, {
      where: { petitionNumber: taken.petitionNumber },
      lock: { mode: 'pessimistic_write' },
    });
    if (!entity) {
      this.logger.warn(
        { petitionNumber: taken.petitionNumber, caseOwnershipId: taken.caseOwnershipId },
        'case ownership for a petition number not held here: ignored',
      );
      return;
    }
    const takenAt = new Date(taken.takenAt);
    if (
      entity.caseOwnershipId === taken.caseOwnershipId ||
      (entity.ownedSince !== null && entity.ownedSince.getTime() > takenAt.getTime())
    ) {
      this.logger.log(
        { petitionNumber: taken.petitionNumber, caseOwnershipId: taken.caseOwnershipId },
        'case ownership already recorded or older than the current one: ignored',
      );
      return;
    }
    const previous = entity.ownerLeaderId
      ? { leaderId: entity.ownerLeaderId, caseOwnershipId: entity.caseOwnershipId }
      : null;
    const followUpDeadline = new Date(taken.followUpDeadline);
    await tx.update(
      PetitionCaseEntity,
      { id: entity.id },
      {
        ownerLeaderId: taken.leaderId,
        ownerLeaderName: taken.leaderName,
        ownerLeaderTitle: taken.leaderTitle,
        ownerDivisionCode: taken.leaderDivisionCode,
        ownedSince: takenAt,
        followUpDeadline,
        caseOwnershipId: taken.caseOwnershipId,
      },
    );
    await tx.insert(CaseTimelineEntryEntity, {
      caseId: entity.id,
      at: takenAt,
      action: 'ownership-taken',
      actorId: SYSTEM_ACTOR.id,
      actorRoles: SYSTEM_ACTOR.roles,
      actorOrganId: null,
      fromStatus: entity.status,
      toStatus: entity.status,
      note: `${taken.leaderTitle}${taken.leaderName}包案，${chinaDate(followUpDeadline)}前反馈办理进展`,
      details: {
        caseOwnershipId: taken.caseOwnershipId,
        leaderId: taken.leaderId,
        bookingId: taken.bookingId,
        recordId: taken.recordId,
        followUpDays: taken.followUpDays,
        dayCountMode: taken.dayCountMode,
      } as never,
    });
    await this.audit.record(
      {
        action: 'case.ownership-taken',
        outcome: 'success',
        actor: SYSTEM_ACTOR,
        target: { type: 'petition-case', id: entity.id },
        divisionCode: entity.divisionCode,
        details: {
          petitionNumber: entity.petitionNumber,
          caseOwnershipId: taken.caseOwnershipId,
          before: previous,
          after: {
            leaderId: taken.leaderId,
            leaderDivisionCode: taken.leaderDivisionCode,
            takenAt: taken.takenAt,
            followUpDeadline: taken.followUpDeadline,
          },
        },
      },
      tx,
    );
  }
}
