import { z } from 'zod';
import { text } from '../common/field-schemas.js';
import { organIdSchema } from './organ.js';

/** Body of `POST /api/v1/cases/:petitionNumber/supervision-orders` (督办单). */
export const issueSupervisionOrderRequestSchema = z.strictObject({
  /** The organ supervised; the case's lead organ when left out. */
  organId: organIdSchema.optional(),
  content: text(2000),
  /** Days (the deployment's day unit) the organ has to reply. */
  replyWithinDays: z.number().int().min(1).max(90),
});
export type IssueSupervisionOrderRequest = z.output<typeof issueSupervisionOrderRequestSchema>;

/** Body of `POST /api/v1/supervision-orders/:orderId/escalate` (挂牌督办). */
export const escalateSupervisionOrderRequestSchema = z.strictObject({ reason: text(1000) });
export type EscalateSupervisionOrderRequest = z.output<
  typeof escalateSupervisionOrderRequestSchema
>;

/** Body of `POST /api/v1/supervision-orders/:orderId/reply`: the supervised organ's answer. */
export const replySupervisionOrderRequestSchema = z.strictObject({ content: text(5000) });
export type ReplySupervisionOrderRequest = z.output<typeof replySupervisionOrderRequestSchema>;

/** Body of `POST /api/v1/cases/:petitionNumber/interviews` (约谈). */
export const recordInterviewRequestSchema = z.strictObject({
  organId: organIdSchema,
  /** Who was interviewed (a post, not a personal ID). */
  interviewee: text(100),
  content: text(5000),
  heldAt: z.iso.datetime({ offset: true }),
});
export type RecordInterviewRequest = z.output<typeof recordInterviewRequestSchema>;

/** Body of `POST /api/v1/cases/:petitionNumber/circulars` (通报). */
export const issueCircularRequestSchema = z.strictObject({
  organId: organIdSchema,
  content: text(5000),
});
export type IssueCircularRequest = z.output<typeof issueCircularRequestSchema>;

/** Body of `POST /api/v1/cases/:petitionNumber/instructions` (领导批示). */
export const issueInstructionRequestSchema = z.strictObject({
  text: text(2000),
  assigneeOrganId: organIdSchema,
  dueWithinDays: z.number().int().min(1).max(180),
});
export type IssueInstructionRequest = z.output<typeof issueInstructionRequestSchema>;

/** Body of `POST /api/v1/instructions/:instructionId/complete`. */
export const completeInstructionRequestSchema = z.strictObject({ result: text(5000) });
export type CompleteInstructionRequest = z.output<typeof completeInstructionRequestSchema>;

export const supervisionOrderResponseSchema = z.object({
  id: z.uuid(),
  orderNumber: z.string(),
  caseId: z.uuid(),
  petitionNumber: z.string(),
  divisionCode: z.string(),
  organId: z.string(),
  content: z.string(),
  issuedBy: z.string(),
  issuedAt: z.string(),
  replyDueAt: z.string(),
  escalatedAt: z.string().nullable(),
  escalationReason: z.string().nullable(),
  status: z.enum(['open', 'replied']),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type SupervisionOrderResponse = z.output<typeof supervisionOrderResponseSchema>;

export const supervisionRecordResponseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['interview', 'circular']),
  organId: z.string(),
  interviewee: z.string().nullable(),
  content: z.string(),
  heldAt: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type SupervisionRecordResponse = z.output<typeof supervisionRecordResponseSchema>;

export const instructionResponseSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  petitionNumber: z.string(),
  text: z.string(),
  assigneeOrganId: z.string(),
  issuedBy: z.string(),
  issuedAt: z.string(),
  dueAt: z.string(),
  status: z.enum(['open', 'completed']),
  result: z.string().nullable(),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type InstructionResponse = z.output<typeof instructionResponseSchema>;

/** `GET /api/v1/cases/:petitionNumber/supervision`: everything supervision did on a case. */
export const caseSupervisionResponseSchema = z.object({
  orders: z.array(supervisionOrderResponseSchema),
  records: z.array(supervisionRecordResponseSchema),
  instructions: z.array(instructionResponseSchema),
});
export type CaseSupervisionResponse = z.output<typeof caseSupervisionResponseSchema>;

/** Query of `GET /api/v1/supervision-orders`. */
export const listSupervisionOrdersQuerySchema = z.strictObject({
  /** `mine`: orders to the caller's organ; otherwise every order of the jurisdiction. */
  view: z.enum(['mine', 'jurisdiction']).default('jurisdiction'),
  status: z.enum(['open', 'replied', 'overdue']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListSupervisionOrdersQuery = z.output<typeof listSupervisionOrdersQuerySchema>;

export const supervisionOrderListResponseSchema = z.object({
  items: z.array(supervisionOrderResponseSchema),
});
export type SupervisionOrderListResponse = z.output<typeof supervisionOrderListResponseSchema>;
