import { z } from 'zod';
import { citizenText } from './submit-complaint.request.js';

/** 满意 / 基本满意 / 不满意 */
export const SATISFACTION_LEVELS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** Body of `POST /api/v1/complaints/{trackingCode}/rating` — once, after the reply. */
export const rateComplaintRequestSchema = z.strictObject({
  queryCode: z.string().min(1).max(64),
  /** The petition office (信访工作机构). */
  office: z.enum(SATISFACTION_LEVELS),
  /** The responsible organ (责任单位). */
  organ: z.enum(SATISFACTION_LEVELS),
  comment: citizenText(500).optional(),
});
export type RateComplaintRequest = z.output<typeof rateComplaintRequestSchema>;

/** Body of `POST /api/v1/complaints/{trackingCode}/review-request` — 复查, within 30 days of the reply. */
export const requestReviewRequestSchema = z.strictObject({
  queryCode: z.string().min(1).max(64),
  reason: citizenText(2000),
});
export type RequestReviewRequest = z.output<typeof requestReviewRequestSchema>;

export const afterReplyResponseSchema = z.object({
  trackingCode: z.string(),
  at: z.string(),
});
export type AfterReplyResponse = z.output<typeof afterReplyResponseSchema>;
