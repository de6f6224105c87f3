import type {
  CaseDetailResponse,
  CaseListItem,
  CaseTimelineEntry,
  WrittenNotice,
} from '@minsheng/contracts';
import {
  DEADLINE_LABELS,
  PETITION_ACTION_LABELS,
  PETITION_STATUS_LABELS,
  allowedActions,
  maskPhoneNumber,
  maskResidentIdNumber,
  type PetitionActionType,
} from '@minsheng/domain';
import type { PersonalData } from '@minsheng/runtime';
import { maskName } from '../notice/notice-templates.js';
import type { PetitionCaseEntity, StoredDeadlines } from './petition-case.entity.js';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

const STEP_LABELS: Record<string, string> = {
  registered: '登记',
  'repeat-linked': '关联重复信访',
  'repeat-confirmed': '确认重复信访',
  'repeat-unlinked': '解除重复信访关联',
  'collective-marked': '标记集体访',
  rated: '满意度评价',
  'supervision-order-issued': '督办',
  'supervision-order-escalated': '挂牌督办',
  'supervision-order-replied': '督办回复',
  interview: '约谈',
  circular: '通报',
  'instruction-issued': '领导批示',
  'instruction-completed': '批示办理',
  'backlog-flagged': '列为积案',
  'ownership-taken': '领导包案',
};

export function stepLabel(action: string): string {
  return (
    (PETITION_ACTION_LABELS as Record<string, string>)[action] ?? STEP_LABELS[action] ?? action
  );
}

function currentDeadlineOf(entity: PetitionCaseEntity) {
  return entity.nextDeadlineKind && entity.nextDeadlineAt
    ? {
        kind: entity.nextDeadlineKind,
        label: DEADLINE_LABELS[entity.nextDeadlineKind],
        dueAt: entity.nextDeadlineAt.toISOString(),
      }
    : null;
}

/** 包案: the owning leader, when a reception gave the case one. */
function ownerOf(entity: PetitionCaseEntity): CaseDetailResponse['owner'] {
  return entity.ownerLeaderId && entity.ownedSince && entity.followUpDeadline
    ? {
        leaderId: entity.ownerLeaderId,
        leaderName: entity.ownerLeaderName ?? '',
        leaderTitle: entity.ownerLeaderTitle ?? '',
        since: entity.ownedSince.toISOString(),
        followUpDeadline: entity.followUpDeadline.toISOString(),
      }
    : null;
}

export interface CaseDetailParts {
  timeline: CaseTimelineEntry[];
  notices: WrittenNotice[];
  rating: CaseDetailResponse['rating'];
  repeatOfPetitionNumber: string | null;
}

/** Staff's view of a case; ID and phone numbers leave masked, never whole. */
export function toCaseDetailResponse(
  entity: PetitionCaseEntity,
  parts: CaseDetailParts,
  personalData: PersonalData,
): CaseDetailResponse {
  return {
    id: entity.id,
    petitionNumber: entity.petitionNumber,
    sourceComplaintId: entity.sourceComplaintId,
    sourceMessageId: entity.sourceMessageId,
    kind: entity.kind,
    channel: entity.channel,
    categoryCode: entity.categoryCode,
    title: entity.title,
    content: entity.content,
    address: entity.address,
    divisionCode: entity.divisionCode,
    status: entity.status,
    statusText: PETITION_STATUS_LABELS[entity.status],
    registeredAt: entity.registeredAt.toISOString(),
    petitioner: {
      name: entity.petitionerName,
      idNumberMasked: maskResidentIdNumber(personalData.reveal(entity.petitionerIdNumberEncrypted)),
      phoneMasked: maskPhoneNumber(personalData.reveal(entity.petitionerPhoneEncrypted)),
    },
    registeringOrganId: entity.registeringOrganId,
    routing: entity.routing,
    leadOrganId: entity.leadOrganId,
    coHandlingOrganIds: entity.coHandlingOrganIds,
    reportWithinDays: entity.reportWithinDays,
    reviewOrganId: entity.reviewOrganId,
    reexaminationOrganId: entity.reexaminationOrganId,
    acceptedAt: iso(entity.acceptedAt),
    repliedAt: iso(entity.repliedAt),
    concludedAt: iso(entity.concludedAt),
    reviewRequestedAt: iso(entity.reviewRequestedAt),
    reviewDecidedAt: iso(entity.reviewDecidedAt),
    reexaminationRequestedAt: iso(entity.reexaminationRequestedAt),
    reexaminationDecidedAt: iso(entity.reexaminationDecidedAt),
    hearingStartedAt: iso(entity.hearingStartedAt),
    hearingPauses: entity.hearingPauses,
    pendingExtension: entity.pendingExtension && {
      days: entity.pendingExtension.days,
      reason: entity.pendingExtension.reason,
      requestedAt: entity.pendingExtension.requestedAt,
    },
    extension: entity.extension && {
      days: entity.extension.days,
      reason: entity.extension.reason,
      requestedAt: entity.extension.requestedAt,
      approvedAt: entity.extension.approvedAt ?? entity.extension.requestedAt,
    },
    objections: entity.objections,
    closedAt: iso(entity.closedAt),
    closingReason: entity.closingReason,
    legalRoute: entity.legalRoute,
    sameFactsAsFinalCaseId: entity.sameFactsAsFinalCaseId,
    deadlines: entity.deadlines as StoredDeadlines as CaseDetailResponse['deadlines'],
    currentDeadline: currentDeadlineOf(entity),
    backlogFlaggedAt: iso(entity.backlogFlaggedAt),
    repeat:
      entity.repeatOfCaseId &&
      parts.repeatOfPetitionNumber &&
      (entity.repeatStatus === 'suspected' || entity.repeatStatus === 'confirmed')
        ? {
            ofCaseId: entity.repeatOfCaseId,
            ofPetitionNumber: parts.repeatOfPetitionNumber,
            status: entity.repeatStatus,
            similarity: entity.repeatSimilarity,
          }
        : null,
    collectiveGroupId: entity.collectiveGroupId,
    owner: ownerOf(entity),
    rating: parts.rating,
    allowedActions: allowedActions(entity.status) as PetitionActionType[],
    timeline: parts.timeline,
    notices: parts.notices,
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** A worklist row: no ID or phone number at all, the name masked. */
export interface CaseListRow {
  id: string;
  petition_number: string;
  kind: PetitionCaseEntity['kind'];
  channel: PetitionCaseEntity['channel'];
  title: string;
  division_code: string;
  status: PetitionCaseEntity['status'];
  petitioner_name: string;
  registered_at: Date;
  lead_organ_id: string | null;
  next_deadline_kind: PetitionCaseEntity['nextDeadlineKind'];
  next_deadline_at: Date | null;
  backlog_flagged_at: Date | null;
  repeat_of_case_id: string | null;
  collective_group_id: string | null;
}

export function toCaseListItem(row: CaseListRow, now: Date): CaseListItem {
  return {
    id: row.id,
    petitionNumber: row.petition_number,
    kind: row.kind,
    channel: row.channel,
    title: row.title,
    divisionCode: row.division_code,
    status: row.status,
    statusText: PETITION_STATUS_LABELS[row.status],
    petitionerNameMasked: maskName(row.petitioner_name),
    registeredAt: row.registered_at.toISOString(),
    leadOrganId: row.lead_organ_id,
    currentDeadline:
      row.next_deadline_kind && row.next_deadline_at
        ? {
            kind: row.next_deadline_kind,
            label: DEADLINE_LABELS[row.next_deadline_kind],
            dueAt: row.next_deadline_at.toISOString(),
          }
        : null,
    overdue: row.next_deadline_at !== null && row.next_deadline_at.getTime() < now.getTime(),
    backlog: row.backlog_flagged_at !== null,
    repeatOfCaseId: row.repeat_of_case_id,
    collectiveGroupId: row.collective_group_id,
  };
}

export const CASE_LIST_COLUMNS = `id, petition_number, kind, channel, title, division_code, status,
  petitioner_name, registered_at, lead_organ_id, next_deadline_kind, next_deadline_at,
  backlog_flagged_at, repeat_of_case_id, collective_group_id`;
