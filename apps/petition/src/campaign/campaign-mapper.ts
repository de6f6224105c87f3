import type {
  AccountabilityRecordResponse,
  CampaignParticipantResponse,
  CampaignResponse,
  CampaignVisitResponse,
} from '@minsheng/contracts';
import type { AccountabilityRecordEntity } from './accountability-record.entity.js';
import type { CampaignParticipantEntity } from './campaign-participant.entity.js';
import type { CampaignVisitEntity } from './campaign-visit.entity.js';
import type { SupervisionCampaignEntity } from './supervision-campaign.entity.js';

export function toCampaignResponse(e: SupervisionCampaignEntity): CampaignResponse {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    divisionCode: e.divisionCode,
    status: e.status,
    endsOn: e.endsOn,
    participantFields: e.participantFields,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
    closedAt: e.closedAt?.toISOString() ?? null,
    report: e.report,
  };
}

export function toParticipantResponse(e: CampaignParticipantEntity): CampaignParticipantResponse {
  return {
    id: e.id,
    accountId: e.accountId,
    name: e.name,
    affiliation: e.affiliation,
    organisation: e.organisation,
    fields: e.fields,
    validUntil: e.validUntil.toISOString(),
    invitedAt: e.invitedAt.toISOString(),
  };
}

export function toVisitResponse(
  e: CampaignVisitEntity,
  petitionNumber: string,
): CampaignVisitResponse {
  return {
    id: e.id,
    petitionNumber,
    visitedAt: e.visitedAt.toISOString(),
    place: e.place,
    findings: e.findings,
    recordedBy: e.recordedBy,
  };
}

export function toAccountabilityResponse(
  e: AccountabilityRecordEntity,
  petitionNumber: string,
): AccountabilityRecordResponse {
  return {
    id: e.id,
    campaignId: e.campaignId,
    petitionNumber,
    organId: e.organId,
    kind: e.kind,
    responsiblePost: e.responsiblePost,
    content: e.content,
    recordedBy: e.recordedBy,
    recordedAt: e.recordedAt.toISOString(),
  };
}
