import type { ComplaintStatusResponse } from '@minsheng/contracts';
import type { ComplaintEntity } from './complaint.entity.js';
import type { ComplaintTimelineEntryEntity } from './complaint-timeline-entry.entity.js';

export function toComplaintStatusResponse(
  complaint: ComplaintEntity,
  timeline: ComplaintTimelineEntryEntity[],
): ComplaintStatusResponse {
  return {
    trackingCode: complaint.trackingCode,
    status: complaint.status,
    kind: complaint.kind,
    title: complaint.title,
    divisionCode: complaint.divisionCode,
    petitionNumber: complaint.petitionNumber,
    submittedAt: complaint.submittedAt.toISOString(),
    timeline: timeline.map((entry) => ({
      status: entry.status,
      at: entry.at.toISOString(),
      note: entry.note,
    })),
  };
}
