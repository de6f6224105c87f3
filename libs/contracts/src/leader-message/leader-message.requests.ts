import { z } from 'zod';
import { divisionCodeSchema, text } from '../common/field-schemas.js';

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
  instructions: z.union([z.literal(''), text(2000)]).default(''),
});
export type AssignMessageRequest = z.output<typeof assignMessageRequestSchema>;

export const draftReplyRequestSchema = z.object({ text: text(5000) });
export type DraftReplyRequest = z.output<typeof draftReplyRequestSchema>;

export const reviewReplyRequestSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), comment: text(2000).optional() }),
  z.object({ decision: z.literal('return'), comment: text(2000) }),
]);
export type ReviewReplyRequest = z.output<typeof reviewReplyRequestSchema>;

/** 申请延期: the lead organ asks the leader's office for more days (step one of two). */
export const extendMessageRequestSchema = z.object({
  days: z.number().int().min(1).max(60),
  reason: text(1000),
});
export type ExtendMessageRequest = z.output<typeof extendMessageRequestSchema>;

/** 审批延期: the leader's office grants or refuses the pending request (step two). */
export const reviewExtensionRequestSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), comment: text(2000).optional() }),
  z.object({ decision: z.literal('reject'), comment: text(2000) }),
]);
export type ReviewExtensionRequest = z.output<typeof reviewExtensionRequestSchema>;

/** 会办: an assigned organ's (lead or co-organ) input on the matter, before the reply is drafted. */
export const organInputRequestSchema = z.object({ text: text(5000) });
export type OrganInputRequest = z.output<typeof organInputRequestSchema>;

/** The board's confirmation of a reply published by hand in its back office. */
export const confirmPublicationRequestSchema = z.object({
  publishedText: text(5000),
  publishedAt: z.iso.datetime({ offset: true }),
  boardReplyId: z.string().max(200).optional(),
});
export type ConfirmPublicationRequest = z.output<typeof confirmPublicationRequestSchema>;

/**
 * The board's export (CSV), as JSON text. The same export can also be uploaded as the raw file
 * (`content-type: text/csv`, UTF-8 or GB18030 as Excel saves it).
 */
export const importMessagesRequestSchema = z.object({ csv: z.string().min(1).max(5_000_000) });
export type ImportMessagesRequest = z.output<typeof importMessagesRequestSchema>;

/** What an import stored: `inserted` new messages, `duplicates` already known (by board id). */
export const importMessagesResponseSchema = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  ratingsRecorded: z.number().int(),
});
export type ImportMessagesResponse = z.output<typeof importMessagesResponseSchema>;

/** Message types on the leader message board. */
export const LEADER_MESSAGE_TYPES = ['投诉', '求助', '咨询', '建言', '感谢'] as const;

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
  /** 会办: each assigned organ's input; with co-organs, all are needed before a draft. */
  organInputs: z.array(
    z.object({
      organId: z.string(),
      role: z.enum(['lead', 'co']),
      text: z.string(),
      givenBy: z.string(),
      givenAt: z.string(),
    }),
  ),
  /** Organs whose input is still awaited (empty when none is needed). */
  awaitingInputFrom: z.array(z.string()),
  extensionRequests: z.array(
    z.object({
      id: z.uuid(),
      days: z.number().int(),
      reason: z.string(),
      requestedBy: z.string(),
      requestedAt: z.string(),
      decision: z.enum(['approve', 'reject']).nullable(),
      comment: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
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

const csvList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(item).min(1).max(10),
  );

/**
 * The desk's list: filters, jurisdiction-scoped, keyset-paginated (`cursor` from the last page).
 * `due`: `soon` — the current deadline (claim for new messages, reply after) within the warning
 * days; `overdue` — already passed and still open. `sort=deadline` lists open messages only.
 */
export const listMessagesQuerySchema = z
  .object({
    status: csvList(z.enum(MESSAGE_STATUSES)).optional(),
    boardId: z.uuid().optional(),
    leaderId: z.string().min(1).max(100).optional(),
    /** Lead organ or co-organ. */
    organId: z.string().min(1).max(100).optional(),
    divisionCode: divisionCodeSchema.optional(),
    due: z.enum(['soon', 'overdue']).optional(),
    sort: z.enum(['posted', 'deadline']).default('posted'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ListMessagesQuery = z.output<typeof listMessagesQuerySchema>;

export const messageListItemSchema = z.object({
  id: z.uuid(),
  boardId: z.uuid(),
  externalId: z.string(),
  leaderId: z.string(),
  divisionCode,
  type: z.string(),
  domain: z.string(),
  title: z.string(),
  /** The citizen's name on the board (public there); the contact is never listed. */
  authorName: z.string(),
  postedAt: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  urgent: z.boolean(),
  /** The deadline the message is working to now (claim, then reply); null once closed. */
  currentDeadline: z.string().nullable(),
  overdue: z.boolean(),
  leadOrganId: z.string().nullable(),
  coOrganIds: z.array(z.string()),
});
export const messageListPageSchema = z.object({
  items: z.array(messageListItemSchema),
  nextCursor: z.string().nullable(),
});
export type MessageListPage = z.output<typeof messageListPageSchema>;

/** 答复模板: wording the leader's office keeps for common kinds of reply. */
export const replyTemplateRequestSchema = z.object({
  /** The division it belongs to; staff below it see it too. */
  divisionCode: divisionCodeSchema,
  title: text(200),
  body: text(5000),
  domain: text(100).nullable().default(null),
  type: z.enum(LEADER_MESSAGE_TYPES).nullable().default(null),
});
export type ReplyTemplateRequest = z.output<typeof replyTemplateRequestSchema>;
export const replyTemplateResponseSchema = replyTemplateRequestSchema.extend({
  id: z.uuid(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ReplyTemplateResponse = z.output<typeof replyTemplateResponseSchema>;

/** 政策知识库: a policy document staff cite when explaining policy in a reply. */
export const policyArticleRequestSchema = z.object({
  divisionCode: divisionCodeSchema,
  title: text(300),
  /** 文号, e.g. 川府发〔2026〕12号. */
  documentNumber: text(100).nullable().default(null),
  issuer: text(200),
  body: text(50_000),
  effectiveOn: z.iso.date().nullable().default(null),
  sourceUrl: z.url().max(1000).nullable().default(null),
});
export type PolicyArticleRequest = z.output<typeof policyArticleRequestSchema>;
export const policyArticleResponseSchema = policyArticleRequestSchema.extend({
  id: z.uuid(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type PolicyArticleResponse = z.output<typeof policyArticleResponseSchema>;

/**
 * Search of templates or policies: `q` is segmented into words (jieba) and matched against title and
 * body, best match first; without `q`, the newest first. Entries of the caller's division, of the
 * divisions above it and of those below it are found.
 */
export const knowledgeSearchQuerySchema = z
  .object({
    q: text(500).optional(),
    domain: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type KnowledgeSearchQuery = z.output<typeof knowledgeSearchQuerySchema>;
