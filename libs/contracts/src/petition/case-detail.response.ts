import { z } from 'zod';
import { CHANNELS, COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { SATISFACTION_LEVELS } from '../complaint-intake/rate-complaint.request.js';
import {
  caseDeadlinesSchema,
  currentDeadlineSchema,
  legalRouteSchema,
  petitionStatusSchema,
  writtenNoticeSchema,
} from './case-common.js';

const instant = z.string();

export const caseTimelineEntrySchema = z.object({
  at: instant,
  /** A workflow action (`accept` …), `registered`, or a supervision or repeat step. */
  action: z.string(),
  /** The action in words (受理 …). */
  label: z.string(),
  actorId: z.string(),
  actorOrganId: z.string().nullable(),
  fromStatus: petitionStatusSchema.nullable(),
  toStatus: petitionStatusSchema.nullable(),
  note: z.string().nullable(),
});
export type CaseTimelineEntry = z.output<typeof caseTimelineEntrySchema>;

/** A case as staff see it: every workflow fact, its timeline and notices; personal data masked. */
export const caseDetailResponseSchema = z.object({
  id: z.uuid(),
  petitionNumber: z.string(),
  sourceComplaintId: z.uuid().nullable(),
  /** The leader's message-board post the case came from (留言转办). */
  sourceMessageId: z.uuid().nullable(),
  kind: z.enum(COMPLAINT_KINDS),
  channel: z.enum(CHANNELS),
  categoryCode: z.string().nullable(),
  title: z.string(),
  content: z.string(),
  address: z.string().nullable(),
  divisionCode: z.string(),
  status: petitionStatusSchema,
  /** The status in words (已受理 …). */
  statusText: z.string(),
  registeredAt: instant,
  petitioner: z.object({
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
  }),
  registeringOrganId: z.string(),
  routing: z.enum(['transfer', 'assign']).nullable(),
  leadOrganId: z.string().nullable(),
  coHandlingOrganIds: z.array(z.string()),
  reportWithinDays: z.number().int().nullable(),
  reviewOrganId: z.string().nullable(),
  reexaminationOrganId: z.string().nullable(),
  acceptedAt: instant.nullable(),
  repliedAt: instant.nullable(),
  concludedAt: instant.nullable(),
  reviewRequestedAt: instant.nullable(),
  reviewDecidedAt: instant.nullable(),
  reexaminationRequestedAt: instant.nullable(),
  reexaminationDecidedAt: instant.nullable(),
  hearingStartedAt: instant.nullable(),
  hearingPauses: z.array(z.object({ start: instant, end: instant })),
  pendingExtension: z
    .object({ days: z.number().int(), reason: z.string(), requestedAt: instant })
    .nullable(),
  extension: z
    .object({
      days: z.number().int(),
      reason: z.string(),
      requestedAt: instant,
      approvedAt: instant,
    })
    .nullable(),
  objections: z.array(z.object({ organId: z.string(), at: instant, reason: z.string() })),
  closedAt: instant.nullable(),
  closingReason: z.string().nullable(),
  legalRoute: legalRouteSchema.nullable(),
  sameFactsAsFinalCaseId: z.uuid().nullable(),
  deadlines: caseDeadlinesSchema,
  currentDeadline: currentDeadlineSchema,
  backlogFlaggedAt: instant.nullable(),
  repeat: z
    .object({
      ofCaseId: z.uuid(),
      ofPetitionNumber: z.string(),
      status: z.enum(['suspected', 'confirmed']),
      similarity: z.number().nullable(),
    })
    .nullable(),
  collectiveGroupId: z.uuid().nullable(),
  /** 包案: the leader who took the case on at a reception, and when they must report progress. */
  owner: z
    .object({
      leaderId: z.string(),
      leaderName: z.string(),
      leaderTitle: z.string(),
      since: instant,
      followUpDeadline: instant,
    })
    .nullable(),
  rating: z
    .object({
      office: z.enum(SATISFACTION_LEVELS),
      organ: z.enum(SATISFACTION_LEVELS),
      ratedAt: instant,
    })
    .nullable(),
  /** The workflow actions legal from the status (whether the caller may take them or not). */
  allowedActions: z.array(z.string()),
  timeline: z.array(caseTimelineEntrySchema),
  notices: z.array(writtenNoticeSchema),
  updatedAt: instant,
});
export type CaseDetailResponse = z.output<typeof caseDetailResponseSchema>;
