import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { CaseTimelineEntryEntity } from '../case/case-timeline-entry.entity.js';
import type { PetitionCaseEntity } from '../case/petition-case.entity.js';
import type { SupervisionCampaignEntity } from './supervision-campaign.entity.js';

/** A campaign step goes into the audit trail and, when it is about a case, onto its timeline. */
@Injectable()
export class CampaignLog {
  constructor(private readonly audit: AuditTrail) {}

  async record(
    tx: EntityManager,
    principal: Principal,
    campaign: SupervisionCampaignEntity,
    action: string,
    details: Record<string, unknown>,
    onCase?: { entity: PetitionCaseEntity; note: string },
  ): Promise<void> {
    if (onCase) {
      await tx.insert(CaseTimelineEntryEntity, {
        caseId: onCase.entity.id,
        at: new Date(),
        action: `campaign-${action}`,
        actorId: principal.userId,
        actorRoles: principal.roles,
        actorOrganId: principal.organId,
        fromStatus: onCase.entity.status,
        toStatus: onCase.entity.status,
        note: onCase.note,
        details: { campaignId: campaign.id, ...details } as never,
      });
    }
    await this.audit.record(
      {
        action: `campaign.${action}`,
        outcome: 'success',
        actor: actorOf(principal),
        target: onCase
          ? { type: 'petition-case', id: onCase.entity.id }
          : { type: 'supervision-campaign', id: campaign.id },
        divisionCode: campaign.divisionCode,
        details: {
          campaignId: campaign.id,
          ...(onCase ? { petitionNumber: onCase.entity.petitionNumber } : {}),
          ...details,
        },
      },
      tx,
    );
  }
}
