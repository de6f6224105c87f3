import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { leaderAddresseeSchema } from './mailbox.js';
import { SATISFACTION_LEVELS } from './rate-complaint.request.js';

const divisionCode = z.string().regex(/^\d{6}$/);

/** What petition needs of each attachment; the content is fetched from intake (later issue). */
export const complaintAttachmentRefSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const complaintPayload = z.object({
  complaintId: z.uuid(),
  trackingCode: z.string(),
  kind: z.enum(COMPLAINT_KINDS),
  /** A code of intake's category taxonomy (`GET /api/v1/categories`). */
  categoryCode: z.string(),
  title: z.string(),
  content: z.string(),
  divisionCode,
  address: z.string().nullable().default(null),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable().default(null),
  /** The petitioner agreed to the reply being published. */
  replyPublicConsent: z.boolean().default(false),
  attachments: z.array(complaintAttachmentRefSchema).default([]),
  submittedAt: z.iso.datetime({ offset: true }),
  /** Set when the exchange handed the complaint over (`exchange-gateway.complaint.handed-over`). */
  source: z
    .object({ kind: z.string(), id: z.string(), reference: z.string() })
    .nullable()
    .default(null),
  /** The door it came in by: a leader's mailbox (领导信箱), else (absent) the public portal. */
  channel: z.enum(['online', 'leader-mailbox']).optional(),
  /** The leader a mailbox matter is addressed to; absent otherwise. */
  addressee: leaderAddresseeSchema.nullable().optional(),
  /**
   * Personal data travels as the instance's field ciphertext (never plain) with keyed lookup
   * hashes; services of the same instance share the keys.
   */
  petitioner: z.object({
    name: z.string(),
    idNumberEncrypted: z.string(),
    idNumberHash: z.string(),
    phoneEncrypted: z.string(),
    phoneHash: z.string(),
  }),
});

/**
 * A citizen's complaint in this instance's own jurisdiction was accepted by intake and committed;
 * petition registers a case from it.
 */
export const complaintSubmittedEvent = defineEvent(
  'complaint-intake.complaint.submitted',
  complaintPayload,
);

/** Why a complaint is held for the exchange instead of being registered here. */
export const ROUTING_REASONS = ['child-instance', 'outside-jurisdiction'] as const;
export type RoutingReason = (typeof ROUTING_REASONS)[number];

/**
 * 属地: a complaint whose division another instance handles was stored here with status
 * `awaiting-exchange` and is for the exchange to hand over. `targetDivisionCode` is the child
 * instance's division, or — outside this instance's subtree — the complaint's own division.
 */
export const complaintRoutedEvent = defineEvent(
  'complaint-intake.complaint.routed',
  complaintPayload.extend({
    targetDivisionCode: divisionCode,
    reason: z.enum(ROUTING_REASONS),
    /** The instance that received it. */
    fromDivisionCode: divisionCode,
    routedAt: z.iso.datetime({ offset: true }),
  }),
);

/** 满意度评价: the petitioner rated the office and the responsible organ after the reply. */
export const complaintRatedEvent = defineEvent(
  'complaint-intake.complaint.rated',
  z.object({
    complaintId: z.uuid(),
    trackingCode: z.string(),
    petitionNumber: z.string().nullable(),
    divisionCode,
    office: z.enum(SATISFACTION_LEVELS),
    organ: z.enum(SATISFACTION_LEVELS),
    comment: z.string().nullable(),
    repliedAt: z.iso.datetime({ offset: true }),
    ratedAt: z.iso.datetime({ offset: true }),
  }),
);

/** 复查申请: the petitioner asked for review of the reply, within 30 days of it. */
export const reviewRequestedEvent = defineEvent(
  'complaint-intake.review.requested',
  z.object({
    reviewRequestId: z.uuid(),
    complaintId: z.uuid(),
    trackingCode: z.string(),
    petitionNumber: z.string().nullable(),
    divisionCode,
    reason: z.string(),
    repliedAt: z.iso.datetime({ offset: true }),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
);
