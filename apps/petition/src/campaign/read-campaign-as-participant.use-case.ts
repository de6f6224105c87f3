import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ErrorCodes,
  type ParticipantCampaignListResponse,
  type ParticipantCaseListResponse,
  type ParticipantCaseView,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { isUuid } from './campaign-access.js';
import { accessEnded, campaignNotFound } from './campaign.errors.js';
import { CampaignParticipantEntity } from './campaign-participant.entity.js';
import { CampaignVisitEntity } from './campaign-visit.entity.js';
import { participantCaseView, type VisitSummary } from './participant-case-view.js';
import { SupervisionCampaignEntity } from './supervision-campaign.entity.js';

interface Grant {
  campaign: SupervisionCampaignEntity;
  participant: CampaignParticipantEntity;
}

/**
 * An invited participant's reads. The grant is checked on every read: the caller must be invited
 * to the campaign (404 otherwise, so other campaigns stay unknown), the campaign open and the
 * grant unexpired (403 CAMPAIGN_ACCESS_ENDED otherwise); only the campaign's cases, only the
 * granted fields. Every read — and every refused one — is in the audit trail.
 */
@Injectable()
export class ReadCampaignAsParticipantUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async campaigns(principal: Principal): Promise<ParticipantCampaignListResponse> {
    const m = this.dataSource.manager;
    const grants = await m.find(CampaignParticipantEntity, {
      where: { accountId: principal.userId },
    });
    const now = new Date();
    const items: ParticipantCampaignListResponse['items'] = [];
    for (const participant of grants) {
      const campaign = await m.findOneBy(SupervisionCampaignEntity, {
        id: participant.campaignId,
      });
      if (!campaign || campaign.status !== 'open' || participant.validUntil <= now) continue;
      items.push({
        id: campaign.id,
        title: campaign.title,
        description: campaign.description,
        divisionCode: campaign.divisionCode,
        fields: participant.fields,
        validUntil: participant.validUntil.toISOString(),
      });
    }
    return { items };
  }

  async cases(principal: Principal, campaignId: string): Promise<ParticipantCaseListResponse> {
    const m = this.dataSource.manager;
    const grant = await this.grant(m, principal, campaignId, null);
    const cases = await m
      .createQueryBuilder(PetitionCaseEntity, 'c')
      .innerJoin('campaign_case', 'x', 'x.case_id = c.id AND x.campaign_id = :campaignId', {
        campaignId,
      })
      .orderBy('c.registered_at', 'ASC')
      .getMany();
    const visits = await this.visits(m, campaignId, grant);
    const items = cases.map((c) =>
      participantCaseView(c, grant.participant.fields, visits.get(c.id) ?? []),
    );
    await this.record(principal, grant, 'success', {
      target: null,
      petitionNumbers: items.map((i) => i.petitionNumber),
    });
    return { items };
  }

  async case(
    principal: Principal,
    campaignId: string,
    petitionNumber: string,
  ): Promise<ParticipantCaseView> {
    const m = this.dataSource.manager;
    const grant = await this.grant(m, principal, campaignId, petitionNumber);
    const entity = await m
      .createQueryBuilder(PetitionCaseEntity, 'c')
      .innerJoin('campaign_case', 'x', 'x.case_id = c.id AND x.campaign_id = :campaignId', {
        campaignId,
      })
      .where('c.petition_number = :petitionNumber', { petitionNumber })
      .getOne();
    if (!entity) {
      await this.record(principal, grant, 'denied', {
        target: null,
        petitionNumbers: [petitionNumber],
        reason: 'not-in-campaign',
      });
      throw new NotFoundException({ code: ErrorCodes.notFound, message: '本次督查没有该案件' });
    }
    const visits = await this.visits(m, campaignId, grant);
    await this.record(principal, grant, 'success', {
      target: entity.id,
      petitionNumbers: [petitionNumber],
    });
    return participantCaseView(entity, grant.participant.fields, visits.get(entity.id) ?? []);
  }

  private async grant(
    m: EntityManager,
    principal: Principal,
    campaignId: string,
    petitionNumber: string | null,
  ): Promise<Grant> {
    if (!isUuid(campaignId)) throw campaignNotFound();
    const participant = await m.findOneBy(CampaignParticipantEntity, {
      campaignId,
      accountId: principal.userId,
    });
    const campaign =
      participant && (await m.findOneBy(SupervisionCampaignEntity, { id: campaignId }));
    if (!participant || !campaign) throw campaignNotFound();
    const grant = { campaign, participant };
    if (campaign.status !== 'open' || participant.validUntil <= new Date()) {
      await this.record(principal, grant, 'denied', {
        target: null,
        petitionNumbers: petitionNumber ? [petitionNumber] : [],
        reason: campaign.status !== 'open' ? 'campaign-closed' : 'grant-expired',
      });
      throw accessEnded();
    }
    return grant;
  }

  private async visits(
    m: EntityManager,
    campaignId: string,
    grant: Grant,
  ): Promise<Map<string, VisitSummary[]>> {
    const byCase = new Map<string, VisitSummary[]>();
    if (!grant.participant.fields.includes('visits')) return byCase;
    const rows = await m.find(CampaignVisitEntity, {
      where: { campaignId },
      order: { visitedAt: 'ASC' },
    });
    for (const v of rows) {
      const list = byCase.get(v.caseId) ?? [];
      list.push({ visitedAt: v.visitedAt.toISOString(), place: v.place, findings: v.findings });
      byCase.set(v.caseId, list);
    }
    return byCase;
  }

  private async record(
    principal: Principal,
    { campaign, participant }: Grant,
    outcome: 'success' | 'denied',
    what: { target: string | null; petitionNumbers: string[]; reason?: string },
  ): Promise<void> {
    await this.audit.record({
      action: what.target ? 'campaign.case.read' : 'campaign.cases.read',
      outcome,
      actor: actorOf(principal),
      target: what.target
        ? { type: 'petition-case', id: what.target }
        : { type: 'supervision-campaign', id: campaign.id },
      divisionCode: campaign.divisionCode,
      details: {
        campaignId: campaign.id,
        participantId: participant.id,
        petitionNumbers: what.petitionNumbers,
        fields: participant.fields,
        ...(what.reason ? { reason: what.reason } : {}),
      },
    });
  }
}
