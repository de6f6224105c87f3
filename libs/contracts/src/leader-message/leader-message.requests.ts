import { z } from 'zod';

const divisionCode = z.string().regex(/^\d{6}$/);
const organId = z.string().min(1).max(100);

/** A leader's board this instance pulls messages from. */
export const configureBoardRequestSchema = z.object({
  /** The board's own id on the message-board site. */
  externalId: z.string().min(1).max(200),
  leader: z.object({
    id: z.string().min(1).max(100),
    name: z.string().min(1).max(50),
    title: z.string().min(1).max(50),
  }),
  divisionCode,
  /** `http`: pulled through the connector; `import`: uploaded from the board's back office. */
  source: z.enum(['http', 'import']).default('http'),
});
export type ConfigureBoardRequest = z.output<typeof configureBoardRequestSchema>;

export const boardResponseSchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  leader: z.object({ id: z.string(), name: z.string(), title: z.string() }),
  divisionCode,
  source: z.enum(['http', 'import']),
  sync: z.object({
    cursor: z.string().nullable(),
    failures: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastSyncedAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
});
export type BoardResponse = z.output<typeof boardResponseSchema>;

export const claimMessageRequestSchema = z.object({ urgent: z.boolean().default(false) });
export type ClaimMessageRequest = z.output<typeof claimMessageRequestSchema>;

export const assignMessageRequestSchema = z.object({
  leadOrgan: z.object({ id: organId, name: z.string().min(1).max(100) }),
  coOrgans: z
    .array(z.object({ id: organId, name: z.string().min(1).max(100) }))
    .max(20)
    .default([]),
  instructions: z.string().max(2000).default(''),
});
export type AssignMessageRequest = z.output<typeof assignMessageRequestSchema>;

export const draftReplyRequestSchema = z.object({ text: z.string().trim().min(1).max(5000) });
export type DraftReplyRequest = z.output<typeof draftReplyRequestSchema>;

export const reviewReplyRequestSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), comment: z.string().max(2000).optional() }),
  z.object({ decision: z.literal('return'), comment: z.string().min(1).max(2000) }),
]);
export type ReviewReplyRequest = z.output<typeof reviewReplyRequestSchema>;

export const extendMessageRequestSchema = z.object({
  days: z.number().int().min(1).max(60),
  reason: z.string().min(1).max(1000),
});
export type ExtendMessageRequest = z.output<typeof extendMessageRequestSchema>;

/** The board's confirmation of a reply published by hand in its back office. */
export const confirmPublicationRequestSchema = z.object({
  publishedText: z.string().min(1).max(5000),
  publishedAt: z.iso.datetime({ offset: true }),
  boardReplyId: z.string().max(200).optional(),
});
export type ConfirmPublicationRequest = z.output<typeof confirmPublicationRequestSchema>;

/** The board's export (CSV), pasted or uploaded as text. */
export const importMessagesRequestSchema = z.object({ csv: z.string().min(1).max(5_000_000) });
export type ImportMessagesRequest = z.output<typeof importMessagesRequestSchema>;

export const MESSAGE_STATUSES = [
  'new',
  'claimed',
  'assigned',
  'drafted',
  'approved',
  'published',
  'converted',
  'concluded',
] as const;
export type LeaderMessageStatus = (typeof MESSAGE_STATUSES)[number];

export const leaderMessageResponseSchema = z.object({
  id: z.uuid(),
  boardId: z.uuid(),
  externalId: z.string(),
  leaderId: z.string(),
  divisionCode,
  type: z.string(),
  domain: z.string(),
  title: z.string(),
  content: z.string(),
  authorName: z.string(),
  /** Masked (138****8000) when the board gave one. */
  contactPhone: z.string().nullable(),
  postedAt: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  urgent: z.boolean(),
  deadlines: z.object({ claim: z.string(), reply: z.string(), extensionDays: z.number().int() }),
  claim: z.object({ at: z.string(), by: z.string() }).nullable(),
  assignment: z
    .object({
      leadOrgan: z.object({ id: z.string(), name: z.string() }),
      coOrgans: z.array(z.object({ id: z.string(), name: z.string() })),
      instructions: z.string(),
      at: z.string(),
    })
    .nullable(),
  drafts: z.array(
    z.object({
      version: z.number().int(),
      text: z.string(),
      draftedBy: z.string(),
      draftedAt: z.string(),
      decision: z.enum(['approve', 'return']).nullable(),
      comment: z.string().nullable(),
      reviewedAt: z.string().nullable(),
    }),
  ),
  publication: z.object({ text: z.string(), at: z.string() }).nullable(),
  rating: z.object({ attitude: z.number(), speed: z.number(), at: z.string() }).nullable(),
  petitionCase: z
    .object({
      convertedAt: z.string(),
      petitionNumber: z.string().nullable(),
      concludedAt: z.string().nullable(),
      conclusion: z.string().nullable(),
    })
    .nullable(),
});
export type LeaderMessageResponse = z.output<typeof leaderMessageResponseSchema>;

const rate = z.object({
  onTime: z.number().int(),
  late: z.number().int(),
  /** Still open with the deadline already passed: counted as late. */
  openLate: z.number().int(),
  /** onTime ÷ (closed + open and already late); `null` with nothing to count. */
  rate: z.number().nullable(),
});
const ratings = z.object({
  count: z.number().int(),
  attitude: z.number().nullable(),
  speed: z.number().nullable(),
});

export const onTimeRatesResponseSchema = z.object({
  asOf: z.string(),
  leaders: z.array(
    z.object({
      leaderId: z.string(),
      messages: z.number().int(),
      claim: rate,
      reply: rate,
      ratings,
    }),
  ),
  organs: z.array(
    z.object({ organId: z.string(), messages: z.number().int(), reply: rate, ratings }),
  ),
});
export type OnTimeRatesResponse = z.output<typeof onTimeRatesResponseSchema>;
export type OnTimeRate = z.output<typeof rate>;
