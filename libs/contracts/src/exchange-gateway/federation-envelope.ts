import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { MAX_ROLLUP_ROWS_PER_REPORT, rollupDaySchema } from '../statistics/statistics-rollup.js';

const divisionCode = z.string().regex(/^\d{6}$/);
const instant = z.iso.datetime({ offset: true });

/** The envelope format this build writes; a receiver refuses versions it does not know. */
export const FEDERATION_ENVELOPE_VERSION = 1;

/** What crosses between tiers (DESIGN.md §1, issue 6). */
export const FEDERATION_MESSAGE_TYPES = [
  'complaint.forwarded',
  'case.status-changed',
  'review.requested',
  'supervision.ordered',
  'statistics.reported',
] as const;
export type FederationMessageType = (typeof FEDERATION_MESSAGE_TYPES)[number];

/**
 * The signed envelope every cross-tier message travels in. `originDivision` wrote it;
 * `senderDivision` is the neighbour that signed this hop (the origin itself, or an instance that
 * forwarded it on); `recipientDivision` is where it is applied. `caseKey` + `caseSeq` (1, 2, …
 * per origin and case) keep a case's messages in order. `signature` is
 * `hmac-sm3:<linkKeyId>:<base64>` over the canonical JSON of every other field.
 */
export const federationEnvelopeSchema = z.strictObject({
  id: z.uuid(),
  version: z.number().int().positive(),
  type: z.enum(FEDERATION_MESSAGE_TYPES),
  originDivision: divisionCode,
  senderDivision: divisionCode,
  recipientDivision: divisionCode,
  caseKey: z.string().min(1).max(128),
  caseSeq: z.number().int().positive(),
  createdAt: instant,
  payload: z.record(z.string(), z.unknown()),
  /** Optional in the schema so that an unsigned envelope is told apart from a malformed one. */
  signature: z.string().min(1).max(256).optional(),
});
export type FederationEnvelope = z.output<typeof federationEnvelopeSchema>;
export type UnsignedFederationEnvelope = Omit<FederationEnvelope, 'signature'>;

/**
 * 转交: a complaint routed to the tier that owns its division. The petitioner's personal data is
 * sealed for the link (`sealedPetitioner`, SM4-CBC + HMAC-SM3 under the link key) and never
 * travels in plain form.
 */
export const complaintForwardedPayloadSchema = z.strictObject({
  trackingCode: z.string().min(1).max(32),
  kind: z.enum(COMPLAINT_KINDS),
  categoryCode: z.string().regex(/^\d{2}(\d{2})?$/),
  title: z.string().min(1).max(100),
  content: z.string().min(1).max(5000),
  divisionCode,
  address: z.string().max(200).nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  replyPublicConsent: z.boolean(),
  submittedAt: instant,
  /** JSON `{name, idNumber, phone}` sealed under the link key. */
  sealedPetitioner: z.string().min(1),
});
export type ComplaintForwardedPayload = z.output<typeof complaintForwardedPayloadSchema>;

/** A status change of a case that came from another tier, on its way back to that tier. */
export const caseStatusChangedPayloadSchema = z.strictObject({
  /** The tracking code the origin issued (the complaint keeps it at every tier). */
  trackingCode: z.string().min(1).max(32),
  /** Where the case is handled. */
  handlingDivision: divisionCode,
  petitionNumber: z.string().nullable(),
  status: z.string().min(1).max(64),
  /** The petition event behind it (`petition.case.replied` …). */
  event: z.string().min(1).max(100),
  at: instant,
  /** The reply's or conclusion's summary, where the event has one. */
  summary: z.string().max(5000).nullable(),
});
export type CaseStatusChangedPayload = z.output<typeof caseStatusChangedPayloadSchema>;

/** 复查申请 sent to the next-higher tier. */
export const reviewRequestedPayloadSchema = z.strictObject({
  reviewRequestId: z.uuid(),
  trackingCode: z.string().min(1).max(32),
  petitionNumber: z.string().nullable(),
  divisionCode,
  reason: z.string().min(1).max(5000),
  repliedAt: instant,
  requestedAt: instant,
});
export type ReviewRequestedPayload = z.output<typeof reviewRequestedPayloadSchema>;

/** 督办 from a higher tier about a case a lower tier handles. */
export const supervisionOrderedPayloadSchema = z.strictObject({
  orderId: z.uuid(),
  trackingCode: z.string().min(1).max(32),
  text: z.string().min(1).max(5000),
  replyBy: instant,
  issuedAt: instant,
});
export type SupervisionOrderedPayload = z.output<typeof supervisionOrderedPayloadSchema>;

/**
 * 数据上报: statistics' daily roll-up rows of a tier's subtree (numbers per day × division ×
 * dimension, never personal data or case text). A day's report replaces the sender's earlier
 * report of the same division and day when its revision is higher. `days: []` is a heartbeat.
 */
export const statisticsReportedPayloadSchema = z.strictObject({
  asOf: instant,
  days: z.array(rollupDaySchema).max(MAX_ROLLUP_ROWS_PER_REPORT),
});
export type StatisticsReportedPayload = z.output<typeof statisticsReportedPayloadSchema>;

/** The payload schema of each message type. */
export const FEDERATION_PAYLOAD_SCHEMAS = {
  'complaint.forwarded': complaintForwardedPayloadSchema,
  'case.status-changed': caseStatusChangedPayloadSchema,
  'review.requested': reviewRequestedPayloadSchema,
  'supervision.ordered': supervisionOrderedPayloadSchema,
  'statistics.reported': statisticsReportedPayloadSchema,
} as const satisfies Record<FederationMessageType, z.ZodType>;
