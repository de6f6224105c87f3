import type { LeaderMessageResponse } from '@minsheng/contracts';
import type { BoardMessageEntity } from './board-message.entity.js';
import type { ExtensionRequestEntity } from './extension-request.entity.js';
import type { OrganInputEntity } from './organ-input.entity.js';
import { awaitingInputFrom } from './organ-inputs.js';
import type { ReplyDraftEntity } from './reply-draft.entity.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toMessageResponse(
  m: BoardMessageEntity,
  {
    drafts,
    inputs,
    extensions,
  }: {
    drafts: ReplyDraftEntity[];
    inputs: OrganInputEntity[];
    extensions: ExtensionRequestEntity[];
  },
  contactPhone: string | null,
): LeaderMessageResponse {
  return {
    id: m.id,
    boardId: m.boardId,
    externalId: m.externalId,
    leaderId: m.leaderId,
    divisionCode: m.divisionCode,
    type: m.type,
    domain: m.domain,
    title: m.title,
    content: m.content,
    authorName: m.authorName,
    contactPhone: contactPhone ? maskPhone(contactPhone) : null,
    postedAt: m.postedAt.toISOString(),
    status: m.status,
    urgent: m.urgent,
    deadlines: {
      claim: m.claimDeadline.toISOString(),
      reply: m.replyDeadline.toISOString(),
      extensionDays: m.extensionDays,
    },
    claim: m.claimedAt ? { at: m.claimedAt.toISOString(), by: m.claimedBy ?? '' } : null,
    assignment:
      m.leadOrganId && m.assignedAt
        ? {
            leadOrgan: { id: m.leadOrganId, name: m.leadOrganName ?? '' },
            coOrgans: m.coOrgans,
            instructions: m.instructions ?? '',
            at: m.assignedAt.toISOString(),
          }
        : null,
    drafts: drafts.map((d) => ({
      version: d.version,
      text: d.text,
      draftedBy: d.draftedBy,
      draftedAt: d.draftedAt.toISOString(),
      decision: d.decision,
      comment: d.comment,
      reviewedAt: iso(d.reviewedAt),
    })),
    publication:
      m.publishedText && m.publishedAt
        ? { text: m.publishedText, at: m.publishedAt.toISOString() }
        : null,
    rating:
      m.ratingAttitude && m.ratingSpeed && m.ratedAt
        ? { attitude: m.ratingAttitude, speed: m.ratingSpeed, at: m.ratedAt.toISOString() }
        : null,
    petitionCase: m.convertedAt
      ? {
          convertedAt: m.convertedAt.toISOString(),
          petitionNumber: m.petitionNumber,
          concludedAt: iso(m.caseConcludedAt),
          conclusion: m.caseConclusion,
        }
      : null,
    organInputs: inputs.map((i) => ({
      organId: i.organId,
      role: i.organRole,
      text: i.text,
      givenBy: i.givenBy,
      givenAt: i.givenAt.toISOString(),
    })),
    awaitingInputFrom: m.status === 'assigned' ? awaitingInputFrom(m, inputs) : [],
    extensionRequests: extensions.map((e) => ({
      id: e.id,
      days: e.days,
      reason: e.reason,
      requestedBy: e.requestedBy,
      requestedAt: e.requestedAt.toISOString(),
      decision: e.decision,
      comment: e.comment,
      decidedBy: e.decidedBy,
      decidedAt: iso(e.decidedAt),
    })),
  };
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
