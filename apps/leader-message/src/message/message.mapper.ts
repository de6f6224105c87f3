import type { LeaderMessageResponse } from '@minsheng/contracts';
import type { BoardMessageEntity } from './board-message.entity.js';
import type { ReplyDraftEntity } from './reply-draft.entity.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toMessageResponse(
  m: BoardMessageEntity,
  drafts: ReplyDraftEntity[],
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
  };
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
