import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { SATISFACTION_LEVELS } from './rate-complaint.request.js';

export const COMPLAINT_STATUSES = [
  'submitted',
  'awaiting-exchange',
  'registered',
  'accepted',
  'declined',
  'replied',
  'concluded',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** What can appear on the public timeline; the status it leaves the complaint in is beside it. */
export const TIMELINE_STEPS = [
  'submitted',
  'routed',
  'registered',
  'accepted',
  'declined',
  'extended',
  'replied',
  'concluded',
  'rated',
  'review-requested',
  /** A suggestion was found worth study (列入研究), then ended adopted or not (采纳情况). */
  'suggestion-study',
  'suggestion-decided',
] as const;
export type TimelineStep = (typeof TIMELINE_STEPS)[number];

const attachment = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});

/** What the public status page shows; nothing personal. */
export const complaintStatusResponseSchema = z.object({
  trackingCode: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  /** The status in words, for the page (e.g. 等待转交属地办理). */
  statusText: z.string(),
  kind: z.enum(COMPLAINT_KINDS),
  category: z.object({ code: z.string(), name: z.string() }).nullable(),
  title: z.string(),
  divisionCode: z.string(),
  petitionNumber: z.string().nullable(),
  submittedAt: z.string(),
  repliedAt: z.string().nullable(),
  attachments: z.array(attachment),
  rating: z
    .object({
      office: z.enum(SATISFACTION_LEVELS),
      organ: z.enum(SATISFACTION_LEVELS),
      ratedAt: z.string(),
    })
    .nullable(),
  reviewRequestedAt: z.string().nullable(),
  /** How a suggestion ended (采纳情况); `null` until decided (and for other kinds). */
  suggestionOutcome: z
    .object({
      outcome: z.enum(['adopted', 'partly-adopted', 'not-adopted']),
      /** 已采纳 / 部分采纳 / 未采纳 */
      outcomeText: z.string(),
      organName: z.string().nullable(),
      /** What it became (a measure, a rule, a budget line), its reference and date. */
      adoption: z
        .object({
          form: z.string(),
          formText: z.string(),
          title: z.string(),
          reference: z.string(),
          adoptedOn: z.string(),
        })
        .nullable(),
      summary: z.string().nullable(),
      reason: z.string().nullable(),
      decidedAt: z.string(),
    })
    .nullable()
    .optional(),
  timeline: z.array(
    z.object({
      step: z.enum(TIMELINE_STEPS),
      status: z.enum(COMPLAINT_STATUSES),
      at: z.string(),
      /** The notice in words — what the petitioner is told at this step. */
      note: z.string(),
    }),
  ),
});
export type ComplaintStatusResponse = z.output<typeof complaintStatusResponseSchema>;
export type ComplaintAttachmentSummary = z.output<typeof attachment>;
