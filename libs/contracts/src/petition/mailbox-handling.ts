import { z } from 'zod';
import { text } from '../common/field-schemas.js';
import { LEADER_POSTS } from '../complaint-intake/mailbox.js';
import { petitionStatusSchema } from './case-common.js';

/** The mailbox as petition knows it: from what was addressed to it. */
const mailboxRef = z.object({
  id: z.string(),
  divisionCode: z.string(),
  post: z.enum(LEADER_POSTS),
  title: z.string(),
  leaderName: z.string().nullable(),
  teamOrganId: z.string(),
});

/** `GET /api/v1/leader-mailboxes/:mailboxId/queue`: the team's queue, not yet routed first. */
export const mailboxQueueResponseSchema = z.object({
  mailbox: mailboxRef,
  lastBrowsedAt: z.string().nullable(),
  items: z.array(
    z.object({
      petitionNumber: z.string(),
      kind: z.string(),
      title: z.string(),
      divisionCode: z.string(),
      status: petitionStatusSchema,
      statusLabel: z.string(),
      registeredAt: z.string(),
      /** Transferred or assigned onward (转送/交办) yet. */
      routed: z.boolean(),
      /** Leaders' instructions (批示) given on it. */
      instructions: z.number().int(),
      repliedAt: z.string().nullable(),
      /** Registered after the team's last browsing record (未浏览). */
      unread: z.boolean(),
    }),
  ),
});
export type MailboxQueueResponse = z.output<typeof mailboxQueueResponseSchema>;

/** Body of `POST /api/v1/leader-mailboxes/:mailboxId/browsing` (定期浏览 record). */
export const recordMailboxBrowsingRequestSchema = z.strictObject({
  note: text(500).optional(),
});
export type RecordMailboxBrowsingRequest = z.output<typeof recordMailboxBrowsingRequestSchema>;

export const mailboxBrowsingResponseSchema = z.object({
  id: z.uuid(),
  mailboxId: z.string(),
  browsedAt: z.string(),
  browsedBy: z.string(),
  casesInQueue: z.number().int(),
  newSinceLastBrowsing: z.number().int(),
  note: z.string().nullable(),
});
export type MailboxBrowsingResponse = z.output<typeof mailboxBrowsingResponseSchema>;

export const mailboxBrowsingListResponseSchema = z.object({
  items: z.array(mailboxBrowsingResponseSchema),
});
export type MailboxBrowsingListResponse = z.output<typeof mailboxBrowsingListResponseSchema>;

const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Query of `GET /api/v1/leader-mailboxes/:mailboxId/figures`: registered from … to (exclusive). */
export const mailboxFiguresQuerySchema = z.strictObject({
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});
export type MailboxFiguresQuery = z.output<typeof mailboxFiguresQuerySchema>;

/** A leader's mailbox figures, beside the message-board figures: received, replied on time. */
export const mailboxFiguresResponseSchema = z.object({
  mailbox: mailboxRef,
  received: z.number().int(),
  replied: z.number().int(),
  /** Replied no later than the conclusion deadline (with an approved extension, its end). */
  repliedOnTime: z.number().int(),
  /** repliedOnTime / replied, or `null` before the first reply. */
  onTimeRate: z.number().nullable(),
  instructed: z.number().int(),
});
export type MailboxFiguresResponse = z.output<typeof mailboxFiguresResponseSchema>;
