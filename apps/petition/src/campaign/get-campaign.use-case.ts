import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { CampaignDetailResponse, CampaignListResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { SqlParams, divisionSubtree } from '@minsheng/persistence';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { AccountabilityRecordEntity } from './accountability-record.entity.js';
import { campaignFor } from './campaign-access.js';
import {
  toAccountabilityResponse,
  toCampaignResponse,
  toParticipantResponse,
  toVisitResponse,
} from './campaign-mapper.js';
import { CampaignCaseEntity } from './campaign-case.entity.js';
import { CampaignParticipantEntity } from './campaign-participant.entity.js';
import { CampaignVisitEntity } from './campaign-visit.entity.js';
import { SupervisionCampaignEntity } from './supervision-campaign.entity.js';

/** Campaigns of the caller's jurisdiction, and one with its cases, participants and records. */
@Injectable()
export class GetCampaignUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal): Promise<CampaignListResponse> {
    const params = new SqlParams();
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM supervision_campaign
        WHERE ${divisionSubtree('division_code', principal.divisionCode, params)}
        ORDER BY created_at DESC LIMIT 200`,
      params.values,
    );
    const ids = rows.map((r) => r.id);
    const campaigns = ids.length
      ? await this.dataSource.manager.findBy(SupervisionCampaignEntity, { id: In(ids) })
      : [];
    const byId = new Map(campaigns.map((c) => [c.id, c]));
    return {
      items: ids.flatMap((id) => (byId.has(id) ? [toCampaignResponse(byId.get(id)!)] : [])),
    };
  }

  async detail(principal: Principal, campaignId: string): Promise<CampaignDetailResponse> {
    const m = this.dataSource.manager;
    const campaign = await campaignFor(m, principal, campaignId);
    const [members, participants, visits, records] = await Promise.all([
      m.find(CampaignCaseEntity, { where: { campaignId }, order: { addedAt: 'ASC' } }),
      m.find(CampaignParticipantEntity, { where: { campaignId }, order: { invitedAt: 'ASC' } }),
      m.find(CampaignVisitEntity, { where: { campaignId }, order: { visitedAt: 'ASC' } }),
      m.find(AccountabilityRecordEntity, { where: { campaignId }, order: { recordedAt: 'ASC' } }),
    ]);
    const cases = members.length
      ? await m.findBy(PetitionCaseEntity, { id: In(members.map((x) => x.caseId)) })
      : [];
    const byId = new Map(cases.map((c) => [c.id, c]));
    const numberOf = (caseId: string) => byId.get(caseId)?.petitionNumber ?? '';
    return {
      ...toCampaignResponse(campaign),
      cases: members.flatMap((x) => {
        const c = byId.get(x.caseId);
        return c
          ? [
              {
                petitionNumber: c.petitionNumber,
                title: c.title,
                divisionCode: c.divisionCode,
                status: c.status,
                addedAt: x.addedAt.toISOString(),
              },
            ]
          : [];
      }),
      participants: participants.map(toParticipantResponse),
      visits: visits.map((v) => toVisitResponse(v, numberOf(v.caseId))),
      accountability: records.map((r) => toAccountabilityResponse(r, numberOf(r.caseId))),
    };
  }
}
