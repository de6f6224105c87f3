import type { ReceptionRecordResponse } from '@minsheng/contracts';
import type { CaseOwnershipEntity } from './case-ownership.entity.js';
import type { ReceptionRecordEntity } from './reception-record.entity.js';

export function toRecordResponse(
  record: ReceptionRecordEntity,
  ownership: CaseOwnershipEntity | null,
): ReceptionRecordResponse {
  return {
    id: record.id,
    bookingId: record.bookingId,
    summary: record.summary,
    response: record.officialResponse,
    outcome: record.outcome,
    petitionNumber: record.petitionNumber,
    officials: record.officials,
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt.toISOString(),
    confirmation: {
      method: record.confirmationMethod,
      confirmedAt: record.confirmedAt?.toISOString() ?? null,
    },
    caseOwnership: ownership
      ? {
          id: ownership.id,
          petitionNumber: ownership.petitionNumber,
          leaderId: ownership.leaderId,
          leaderName: ownership.leaderName,
          takenAt: ownership.takenAt.toISOString(),
          followUpDeadline: ownership.followUpDeadline.toISOString(),
        }
      : null,
  };
}
