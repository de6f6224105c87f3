import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import {
  divisionCodeSchema,
  mobileNumberSchema,
  residentIdNumberSchema,
  text,
} from '../common/field-schemas.js';
import { legalRouteSchema } from './case-common.js';
import { organIdSchema } from './organ.js';

/** The channels staff register by hand; online complaints arrive from intake. */
export const STAFF_CHANNELS = ['letter', 'visit', 'phone', 'video', 'message-board'] as const;

/** Body of `POST /api/v1/cases`: a clerk registers a letter, visit, call, video or board message. */
export const registerCaseRequestSchema = z.strictObject({
  channel: z.enum(STAFF_CHANNELS),
  kind: z.enum(COMPLAINT_KINDS),
  categoryCode: z
    .string()
    .regex(/^\d{2}(\d{2})?$/, { message: '类别代码格式不正确' })
    .optional(),
  title: text(100),
  content: text(5000),
  divisionCode: divisionCodeSchema,
  address: text(200).optional(),
  petitioner: z.strictObject({
    name: text(50),
    idNumber: residentIdNumberSchema,
    phone: mobileNumberSchema,
  }),
});
export type RegisterCaseRequest = z.output<typeof registerCaseRequestSchema>;

const coHandling = z.array(organIdSchema).max(10).default([]);
const optionalNote = text(2000).optional();

/** 转送 */
export const transferCaseRequestSchema = z.strictObject({
  leadOrganId: organIdSchema,
  coHandlingOrganIds: coHandling,
  note: optionalNote,
});
/** 交办, with the days the organ has for its result report. */
export const assignCaseRequestSchema = transferCaseRequestSchema.extend({
  reportWithinDays: z.number().int().min(1).max(365),
});
/** 异议: why the receiving organ is not responsible. */
export const objectCaseRequestSchema = z.strictObject({ reason: text(2000) });
export const acceptCaseRequestSchema = z.strictObject({ note: optionalNote });
export const declineCaseRequestSchema = z.strictObject({ reason: text(2000) });
export const routeToLitigationRequestSchema = z.strictObject({
  legalRoute: legalRouteSchema,
  reason: text(2000),
});
/** Links (or, with `null`, unlinks) a final case with the same facts and reasons. */
export const linkFinalCaseRequestSchema = z.strictObject({
  finalPetitionNumber: z.string().min(1).max(40).nullable(),
});
/** Days beyond the statutory maximum are refused by the workflow (EXTENSION_TOO_LONG). */
export const requestExtensionRequestSchema = z.strictObject({
  days: z.number().int().min(1).max(365),
  reason: text(2000),
});
export const approveExtensionRequestSchema = z.strictObject({ comment: optionalNote });
export const rejectExtensionRequestSchema = z.strictObject({ reason: optionalNote });
/** 答复: the written handling opinion, which becomes the 处理意见书. */
export const replyCaseRequestSchema = z.strictObject({ opinion: text(5000) });
export const concludeCaseRequestSchema = z.strictObject({ summary: optionalNote });
/** A clerk of the reviewing organ records a review request made by letter or in person. */
export const recordReviewRequestSchema = z.strictObject({
  /** The next-higher organ; the lead organ's parent when left out. */
  reviewOrganId: organIdSchema.optional(),
  reason: text(2000),
});
export const decideReviewRequestSchema = z.strictObject({ opinion: text(5000) });
export const recordReexaminationRequestSchema = z.strictObject({
  /** The organ above the reviewing one; the review organ's parent when left out. */
  reexaminationOrganId: organIdSchema.optional(),
  reason: text(2000),
});
export const startHearingRequestSchema = z.strictObject({ note: optionalNote });
export const endHearingRequestSchema = z.strictObject({ summary: optionalNote });
export const decideReexaminationRequestSchema = z.strictObject({ opinion: text(5000) });

export type TransferCaseRequest = z.output<typeof transferCaseRequestSchema>;
export type AssignCaseRequest = z.output<typeof assignCaseRequestSchema>;
export type ObjectCaseRequest = z.output<typeof objectCaseRequestSchema>;
export type AcceptCaseRequest = z.output<typeof acceptCaseRequestSchema>;
export type DeclineCaseRequest = z.output<typeof declineCaseRequestSchema>;
export type RouteToLitigationRequest = z.output<typeof routeToLitigationRequestSchema>;
export type LinkFinalCaseRequest = z.output<typeof linkFinalCaseRequestSchema>;
export type RequestExtensionRequest = z.output<typeof requestExtensionRequestSchema>;
export type ApproveExtensionRequest = z.output<typeof approveExtensionRequestSchema>;
export type RejectExtensionRequest = z.output<typeof rejectExtensionRequestSchema>;
export type ReplyCaseRequest = z.output<typeof replyCaseRequestSchema>;
export type ConcludeCaseRequest = z.output<typeof concludeCaseRequestSchema>;
export type RecordReviewRequest = z.output<typeof recordReviewRequestSchema>;
export type DecideReviewRequest = z.output<typeof decideReviewRequestSchema>;
export type RecordReexaminationRequest = z.output<typeof recordReexaminationRequestSchema>;
export type StartHearingRequest = z.output<typeof startHearingRequestSchema>;
export type EndHearingRequest = z.output<typeof endHearingRequestSchema>;
export type DecideReexaminationRequest = z.output<typeof decideReexaminationRequestSchema>;

/** Body of `POST /api/v1/cases/:petitionNumber/repeat/unlink`. */
export const unlinkRepeatRequestSchema = z.strictObject({ reason: text(1000) });
export type UnlinkRepeatRequest = z.output<typeof unlinkRepeatRequestSchema>;
