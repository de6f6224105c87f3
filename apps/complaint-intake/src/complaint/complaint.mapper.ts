import {
  ADOPTION_FORM_LABELS,
  SUGGESTION_OUTCOME_LABELS,
  type ComplaintStatus,
  type ComplaintStatusResponse,
} from '@minsheng/contracts';
import type { SuggestionOutcomeEntity } from '../tracking/suggestion-outcome.entity.js';
import type { ComplaintAttachmentEntity } from '../attachment/attachment.entity.js';
import type { ComplaintCategoryEntity } from '../category/complaint-category.entity.js';
import type { ComplaintRatingEntity } from '../after-reply/complaint-rating.entity.js';
import type { ReviewRequestEntity } from '../after-reply/review-request.entity.js';
import type { ComplaintEntity } from './complaint.entity.js';
import type { ComplaintTimelineEntryEntity } from './complaint-timeline-entry.entity.js';

/** The status in the words of the public status page. */
export const STATUS_TEXT: Record<ComplaintStatus, string> = {
  submitted: '已提交，等待登记',
  'awaiting-exchange': '等待转交属地办理',
  registered: '已登记',
  accepted: '已受理，正在办理',
  declined: '不予受理',
  replied: '已答复',
  concluded: '已办结',
};

export interface ComplaintView {
  complaint: ComplaintEntity;
  category: ComplaintCategoryEntity | null;
  timeline: ComplaintTimelineEntryEntity[];
  attachments: ComplaintAttachmentEntity[];
  rating: ComplaintRatingEntity | null;
  reviewRequest: ReviewRequestEntity | null;
  suggestionOutcome?: SuggestionOutcomeEntity | null;
}

export function toComplaintStatusResponse({
  complaint,
  category,
  timeline,
  attachments,
  rating,
  reviewRequest,
  suggestionOutcome,
}: ComplaintView): ComplaintStatusResponse {
  return {
    trackingCode: complaint.trackingCode,
    status: complaint.status,
    statusText: STATUS_TEXT[complaint.status],
    kind: complaint.kind,
    category: category ? { code: category.code, name: category.name } : null,
    title: complaint.title,
    divisionCode: complaint.divisionCode,
    petitionNumber: complaint.petitionNumber,
    submittedAt: complaint.submittedAt.toISOString(),
    repliedAt: complaint.repliedAt?.toISOString() ?? null,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
    })),
    rating: rating
      ? { office: rating.office, organ: rating.organ, ratedAt: rating.ratedAt.toISOString() }
      : null,
    reviewRequestedAt: reviewRequest?.requestedAt.toISOString() ?? null,
    suggestionOutcome: suggestionOutcome
      ? {
          outcome: suggestionOutcome.outcome,
          outcomeText: SUGGESTION_OUTCOME_LABELS[suggestionOutcome.outcome],
          organName: suggestionOutcome.organName,
          adoption: suggestionOutcome.adoption
            ? {
                ...suggestionOutcome.adoption,
                formText: ADOPTION_FORM_LABELS[suggestionOutcome.adoption.form],
              }
            : null,
          summary: suggestionOutcome.summary,
          reason: suggestionOutcome.reason,
          decidedAt: suggestionOutcome.decidedAt.toISOString(),
        }
      : null,
    timeline: timeline.map((entry) => ({
      step: entry.step,
      status: entry.status,
      at: entry.at.toISOString(),
      note: entry.note,
    })),
  };
}
