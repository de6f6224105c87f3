import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PetitionErrorCodes,
  caseRepeatLinkedEvent,
  caseRepeatUnlinkedEvent,
  type CaseDetailResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { canSeeCase, lockCase } from '../case/case-access.js';
import { caseNotFound, conflict } from '../case/case.errors.js';
import { CaseDetailReader } from '../case/case-detail.reader.js';
import { CaseTimelineEntryEntity } from '../case/case-timeline-entry.entity.js';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { caseRef } from './repeat-detector.js';

export type RepeatDecision = { kind: 'confirm' } | { kind: 'unlink'; reason: string };

/** Staff settle an automatic repeat link: confirm it (确认重复) or remove it (解除关联). */
@Injectable()
export class ReviewRepeatLink {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly details: CaseDetailReader,
  ) {}

  async decide(
    principal: Principal,
    petitionNumber: string,
    decision: RepeatDecision,
  ): Promise<CaseDetailResponse> {
    const entity = await inTransaction(this.dataSource, async (tx) => {
      const entity = await lockCase(tx, { petitionNumber });
      if (!entity || !canSeeCase(principal, entity)) throw caseNotFound();
      const linkedTo = entity.repeatOfCaseId;
      if (
        !linkedTo ||
        (entity.repeatStatus !== 'suspected' && entity.repeatStatus !== 'confirmed')
      ) {
        throw conflict(PetitionErrorCodes.notARepeat, '该事项未被关联为重复信访');
      }
      if (decision.kind === 'confirm' && entity.repeatStatus === 'confirmed') return entity;
      const [root] = await tx.query(`SELECT petition_number FROM petition_case WHERE id = $1`, [
        linkedTo,
      ]);
      const changes: Partial<PetitionCaseEntity> =
        decision.kind === 'confirm'
          ? { repeatStatus: 'confirmed' }
          : { repeatStatus: 'unlinked', repeatOfCaseId: null };
      await tx.update(PetitionCaseEntity, { id: entity.id }, changes);
      const action = decision.kind === 'confirm' ? 'repeat-confirmed' : 'repeat-unlinked';
      await tx.insert(CaseTimelineEntryEntity, {
        caseId: entity.id,
        at: new Date(),
        action,
        actorId: principal.userId,
        actorRoles: principal.roles,
        actorOrganId: principal.organId,
        fromStatus: entity.status,
        toStatus: entity.status,
        note:
          decision.kind === 'unlink' ? decision.reason : `与 ${root?.petition_number} 为同一事项`,
        details: { repeatOfCaseId: linkedTo } as never,
      });
      if (decision.kind === 'confirm') {
        await this.events.publish(
          tx,
          caseRepeatLinkedEvent,
          {
            ...caseRef(entity),
            repeatOfCaseId: linkedTo,
            repeatOfPetitionNumber: root?.petition_number ?? '',
            repeatStatus: 'confirmed',
            similarity: entity.repeatSimilarity,
          },
          { divisionCode: entity.divisionCode },
        );
      } else {
        await this.events.publish(
          tx,
          caseRepeatUnlinkedEvent,
          { ...caseRef(entity), formerRepeatOfCaseId: linkedTo, reason: decision.reason },
          { divisionCode: entity.divisionCode },
        );
      }
      await this.audit.record(
        {
          action: `case.${action}`,
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'petition-case', id: entity.id },
          divisionCode: entity.divisionCode,
          details: {
            petitionNumber,
            before: { repeatOfCaseId: linkedTo, repeatStatus: entity.repeatStatus },
            after: {
              repeatOfCaseId: changes.repeatOfCaseId ?? linkedTo,
              repeatStatus: changes.repeatStatus,
            },
          },
        },
        tx,
      );
      return { ...entity, ...changes };
    });
    return this.details.read(entity);
  }
}
