import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { CaseTimelineEntryEntity } from '../case/case-timeline-entry.entity.js';
import type { PetitionCaseEntity } from '../case/petition-case.entity.js';

/** A supervision step shows on the case's timeline and in the audit trail, with the change. */
@Injectable()
export class SupervisionLog {
  constructor(private readonly audit: AuditTrail) {}

  async record(
    tx: EntityManager,
    principal: Principal,
    entity: PetitionCaseEntity,
    action: string,
    note: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    const at = new Date();
    await tx.insert(CaseTimelineEntryEntity, {
      caseId: entity.id,
      at,
      action,
      actorId: principal.userId,
      actorRoles: principal.roles,
      actorOrganId: principal.organId,
      fromStatus: entity.status,
      toStatus: entity.status,
      note,
      details: details as never,
    });
    await this.audit.record(
      {
        action: `supervision.${action}`,
        outcome: 'success',
        actor: actorOf(principal),
        target: { type: 'petition-case', id: entity.id },
        divisionCode: entity.divisionCode,
        details: { petitionNumber: entity.petitionNumber, ...details },
      },
      tx,
    );
  }
}
