import { z } from 'zod';
import { SATISFACTION_LEVELS } from '../complaint-intake/rate-complaint.request.js';
import { defineEvent } from '../messaging/event-definition.js';
import {
  deadlineKindSchema,
  divisionCodeShape,
  instantSchema,
  petitionStatusSchema,
} from './case-common.js';

const caseRef = z.object({
  caseId: z.uuid(),
  petitionNumber: z.string(),
  sourceComplaintId: z.uuid().nullable(),
  divisionCode: divisionCodeShape,
  status: petitionStatusSchema,
  leadOrganId: z.string().nullable(),
});

const deadlineAlert = caseRef.extend({
  deadlineKind: deadlineKindSchema,
  /** The deadline in words (办结期限 …). */
  deadlineLabel: z.string(),
  dueAt: instantSchema,
  /** The organ that has to act before the deadline. */
  actingOrganId: z.string().nullable(),
  detectedAt: instantSchema,
});

/** 预警: the case's current deadline is within the warning period. Once per case and deadline. */
export const caseDeadlineApproachingEvent = defineEvent(
  'petition.case.deadline-approaching',
  deadlineAlert.extend({ warningDays: z.number().int() }),
);

/** 超期: the case's current deadline has passed. Once per case and deadline. */
export const caseOverdueEvent = defineEvent('petition.case.overdue', deadlineAlert);

/** 积案: the case has been open longer than the backlog threshold. Once per case. */
export const caseBacklogFlaggedEvent = defineEvent(
  'petition.case.backlog-flagged',
  caseRef.extend({
    registeredAt: instantSchema,
    thresholdDays: z.number().int(),
    flaggedAt: instantSchema,
  }),
);

/** 满意度评价: the petitioner's two ratings, stored once. */
export const caseRatedEvent = defineEvent(
  'petition.case.rated',
  caseRef.extend({
    /** The petition office (信访工作机构). */
    office: z.enum(SATISFACTION_LEVELS),
    /** The responsible organ (责任单位). */
    organ: z.enum(SATISFACTION_LEVELS),
    ratedOrganId: z.string().nullable(),
    ratedAt: instantSchema,
  }),
);

/** 重复信访: the case was linked to an earlier one of the same petitioner and matter. */
export const caseRepeatLinkedEvent = defineEvent(
  'petition.case.repeat-linked',
  caseRef.extend({
    repeatOfCaseId: z.uuid(),
    repeatOfPetitionNumber: z.string(),
    /** `suspected` when found automatically, `confirmed` by staff. */
    repeatStatus: z.enum(['suspected', 'confirmed']),
    similarity: z.number().nullable(),
  }),
);

/** Staff found the automatic repeat link wrong and removed it. */
export const caseRepeatUnlinkedEvent = defineEvent(
  'petition.case.repeat-unlinked',
  caseRef.extend({ formerRepeatOfCaseId: z.uuid(), reason: z.string() }),
);

/** 集体访: the same matter from enough different petitioners; the case joined the group. */
export const caseCollectiveMarkedEvent = defineEvent(
  'petition.case.collective-marked',
  caseRef.extend({
    collectiveGroupId: z.uuid(),
    petitioners: z.number().int(),
    caseIds: z.array(z.uuid()),
  }),
);

const orderRef = caseRef.extend({
  orderId: z.uuid(),
  orderNumber: z.string(),
  organId: z.string(),
});

/** 督办单 issued to an organ, with its own reply deadline. */
export const supervisionOrderIssuedEvent = defineEvent(
  'petition.supervision-order.issued',
  orderRef.extend({ content: z.string(), replyDueAt: instantSchema, issuedAt: instantSchema }),
);

/** 挂牌督办: the order was escalated. */
export const supervisionOrderEscalatedEvent = defineEvent(
  'petition.supervision-order.escalated',
  orderRef.extend({ reason: z.string(), escalatedAt: instantSchema }),
);

/** The organ replied to the order. */
export const supervisionOrderRepliedEvent = defineEvent(
  'petition.supervision-order.replied',
  orderRef.extend({ content: z.string(), repliedAt: instantSchema, late: z.boolean() }),
);

/** The order's reply deadline passed without a reply. Once per order. */
export const supervisionOrderOverdueEvent = defineEvent(
  'petition.supervision-order.overdue',
  orderRef.extend({ replyDueAt: instantSchema, detectedAt: instantSchema }),
);

/** 约谈 or 通报 recorded against an organ. */
export const supervisionRecordedEvent = defineEvent(
  'petition.supervision.recorded',
  caseRef.extend({
    recordId: z.uuid(),
    kind: z.enum(['interview', 'circular']),
    organId: z.string(),
    content: z.string(),
    recordedAt: instantSchema,
  }),
);

const instructionRef = caseRef.extend({
  instructionId: z.uuid(),
  assigneeOrganId: z.string(),
  dueAt: instantSchema,
});

/** 领导批示: a leader's written instruction, now a task with a deadline. */
export const instructionIssuedEvent = defineEvent(
  'petition.instruction.issued',
  instructionRef.extend({ text: z.string(), issuedAt: instantSchema }),
);

/** The assignee organ reported on the instruction. */
export const instructionCompletedEvent = defineEvent(
  'petition.instruction.completed',
  instructionRef.extend({ result: z.string(), completedAt: instantSchema, late: z.boolean() }),
);

/** The instruction's deadline passed before it was completed. Once per instruction. */
export const instructionOverdueEvent = defineEvent(
  'petition.instruction.overdue',
  instructionRef.extend({ detectedAt: instantSchema }),
);
