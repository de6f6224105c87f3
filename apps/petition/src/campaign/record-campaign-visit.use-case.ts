import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CampaignVisitResponse, RecordCampaignVisitRequest } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { campaignCase, campaignFor } from './campaign-access.js';
import { CampaignLog } from './campaign-log.js';
import { toVisitResponse } from './campaign-mapper.js';
import { CampaignVisitEntity } from './campaign-visit.entity.js';

/** 实地督查: a site visit on one of the campaign's cases, with what was found. */
@Injectable()
export class RecordCampaignVisitUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: CampaignLog,
  ) {}

  async execute(
    principal: Principal,
    campaignId: string,
    request: RecordCampaignVisitRequest,
  ): Promise<CampaignVisitResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const campaign = await campaignFor(tx, principal, campaignId, { lock: true, open: true });
      const entity = await campaignCase(tx, campaign, request.petitionNumber);
      const visit: CampaignVisitEntity = {
        id: randomUUID(),
        campaignId: campaign.id,
        caseId: entity.id,
        visitedAt: new Date(request.visitedAt),
        place: request.place,
        findings: request.findings,
        recordedBy: principal.userId,
        recordedAt: new Date(),
      };
      await tx.insert(CampaignVisitEntity, visit);
      await this.log.record(
        tx,
        principal,
        campaign,
        'visit',
        { visitId: visit.id, place: visit.place },
        { entity, note: `实地督查（${visit.place}）：${visit.findings}` },
      );
      return toVisitResponse(visit, entity.petitionNumber);
    });
  }
}
