import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';
import {
  caseDeadlinesSchema,
  currentDeadlineSchema,
  deadlineKindSchema,
  divisionCodeShape,
  instantSchema,
  legalRouteSchema,
  petitionStatusSchema,
  writtenNoticeSchema,
} from './case-common.js';

/**
 * What every `petition.case.*` workflow event carries: which case, where it stands now, its
 * deadlines, and the written notices issued with the change (for intake to show the petitioner).
 */
export const caseChangeSchema = z.object({
  caseId: z.uuid(),
  petitionNumber: z.string(),
  /** The online complaint the case came from; `null` for letters, visits, calls … */
  sourceComplaintId: z.uuid().nullable(),
  /** The leader's message-board post the case came from; absent on older events. */
  sourceMessageId: z.uuid().nullable().optional(),
  divisionCode: divisionCodeShape,
  status: petitionStatusSchema,
  previousStatus: petitionStatusSchema,
  at: instantSchema,
  /** The organ of the staff member who acted; `null` when the petitioner did. */
  actorOrganId: z.string().nullable(),
  /** 主办 and 协办 organs after the change. */
  leadOrganId: z.string().nullable(),
  coHandlingOrganIds: z.array(z.string()),
  deadlines: caseDeadlinesSchema,
  currentDeadline: currentDeadlineSchema,
  notices: z.array(writtenNoticeSchema),
  /** Deadlines the act came after (counts against the timely rates). */
  missedDeadlines: z.array(deadlineKindSchema),
});
export type CaseChange = z.output<typeof caseChangeSchema>;

const routed = caseChangeSchema.extend({
  routing: z.enum(['transfer', 'assign']),
  /** For an assignment: the days given for the result report (办结报告). */
  reportWithinDays: z.number().int().nullable(),
});

/** 转送: the case went to the organ with authority. */
export const caseTransferredEvent = defineEvent('petition.case.transferred', routed);
/** 交办: like transferred, with a deadline for the result report. */
export const caseAssignedEvent = defineEvent('petition.case.assigned', routed);
/** 异议退回: the receiving organ objected it is not responsible; back to the registering office. */
export const caseObjectedEvent = defineEvent(
  'petition.case.objected',
  caseChangeSchema.extend({ objectingOrganId: z.string(), reason: z.string() }),
);
/** 受理. */
export const caseAcceptedEvent = defineEvent(
  'petition.case.accepted',
  caseChangeSchema.extend({ acceptedAt: instantSchema }),
);
/** 不予受理, with the written reason. */
export const caseDeclinedEvent = defineEvent(
  'petition.case.declined',
  caseChangeSchema.extend({ reason: z.string() }),
);
/** 诉访分离: sent to litigation, arbitration or administrative reconsideration. */
export const caseRoutedToLitigationEvent = defineEvent(
  'petition.case.routed-to-litigation',
  caseChangeSchema.extend({ legalRoute: legalRouteSchema, reason: z.string() }),
);
/** The case was found (or no longer found) to have the same facts as a final case. */
export const caseFinalCaseLinkedEvent = defineEvent(
  'petition.case.final-case-linked',
  caseChangeSchema.extend({ finalCaseId: z.uuid().nullable() }),
);
/** 延期申请: the handler asked the organ head for the one extension. */
export const caseExtensionRequestedEvent = defineEvent(
  'petition.case.extension-requested',
  caseChangeSchema.extend({ days: z.number().int(), reason: z.string() }),
);
/** 延期: the organ head approved it; the conclusion deadline moved. */
export const caseExtendedEvent = defineEvent(
  'petition.case.extended',
  caseChangeSchema.extend({ days: z.number().int(), reason: z.string() }),
);
/** The organ head refused the extension. */
export const caseExtensionRejectedEvent = defineEvent(
  'petition.case.extension-rejected',
  caseChangeSchema.extend({ reason: z.string().nullable() }),
);
/** 答复: the written handling opinion (处理意见书) was given. */
export const caseRepliedEvent = defineEvent(
  'petition.case.replied',
  caseChangeSchema.extend({ repliedAt: instantSchema, summary: z.string() }),
);
/** 办结. */
export const caseConcludedEvent = defineEvent(
  'petition.case.concluded',
  caseChangeSchema.extend({ concludedAt: instantSchema, summary: z.string().nullable() }),
);
/** 复查申请 recorded (by the petitioner through intake, or by a clerk of the reviewing organ). */
export const caseReviewRequestedEvent = defineEvent(
  'petition.case.review-requested',
  caseChangeSchema.extend({ reviewOrganId: z.string(), reason: z.string().nullable() }),
);
/** 复查意见书 issued. */
export const caseReviewedEvent = defineEvent(
  'petition.case.reviewed',
  caseChangeSchema.extend({ reviewOrganId: z.string(), summary: z.string() }),
);
/** 复核申请 recorded. */
export const caseReexaminationRequestedEvent = defineEvent(
  'petition.case.reexamination-requested',
  caseChangeSchema.extend({ reexaminationOrganId: z.string(), reason: z.string().nullable() }),
);
/** 听证 began: the re-examination clock stops. */
export const caseHearingStartedEvent = defineEvent(
  'petition.case.hearing-started',
  caseChangeSchema.extend({ hearingStartedAt: instantSchema }),
);
/** 听证 ended: the re-examination deadline moved by the hearing's days. */
export const caseHearingEndedEvent = defineEvent(
  'petition.case.hearing-ended',
  caseChangeSchema.extend({ hearingStartedAt: instantSchema, hearingEndedAt: instantSchema }),
);
/** 复核意见书 issued: the case is final (终结). */
export const caseReexaminedEvent = defineEvent(
  'petition.case.reexamined',
  caseChangeSchema.extend({ reexaminationOrganId: z.string(), summary: z.string() }),
);

/** Every workflow event, by the action that causes it. */
export const CASE_WORKFLOW_EVENTS = {
  transfer: caseTransferredEvent,
  assign: caseAssignedEvent,
  object: caseObjectedEvent,
  accept: caseAcceptedEvent,
  decline: caseDeclinedEvent,
  'route-to-litigation': caseRoutedToLitigationEvent,
  'link-final-case': caseFinalCaseLinkedEvent,
  'request-extension': caseExtensionRequestedEvent,
  'approve-extension': caseExtendedEvent,
  'reject-extension': caseExtensionRejectedEvent,
  reply: caseRepliedEvent,
  conclude: caseConcludedEvent,
  'request-review': caseReviewRequestedEvent,
  'decide-review': caseReviewedEvent,
  'request-reexamination': caseReexaminationRequestedEvent,
  'start-hearing': caseHearingStartedEvent,
  'end-hearing': caseHearingEndedEvent,
  'decide-reexamination': caseReexaminedEvent,
} as const;
