import { z } from 'zod';
import { divisionCodeSchema, text } from '../common/field-schemas.js';
import { organIdSchema } from '../petition/organ.js';

/** 书记 / 政府主要负责人: the two leaders of a tier who have a mailbox (领导信箱). */
export const LEADER_POSTS = ['party-secretary', 'government-head'] as const;
export type LeaderPost = (typeof LEADER_POSTS)[number];

/** Stable error codes of the leader mailboxes, beside the shared `ErrorCodes`. */
export const MailboxErrorCodes = {
  /** Another mailbox already has this id (409). */
  mailboxIdTaken: 'MAILBOX_ID_TAKEN',
  /** The matter lies outside the addressed leader's division (400). */
  outsideMailboxDivision: 'OUTSIDE_MAILBOX_DIVISION',
  /** The mailbox's division is not this instance's own (another instance's leader) (400). */
  mailboxNotHere: 'MAILBOX_NOT_HERE',
} as const;

export const mailboxIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, {
  message: '信箱标识应为 3–64 位小写字母、数字或 -',
});

/**
 * Who a matter sent to a leader's mailbox is addressed to, as recorded with it (a snapshot: a
 * later change of the mailbox does not rewrite what was addressed). `teamOrganId` is the organ
 * whose staff handle the mailbox (the leader's team), where the matter is queued first.
 */
export const leaderAddresseeSchema = z.object({
  mailboxId: z.string(),
  divisionCode: z.string().regex(/^\d{6}$/),
  post: z.enum(LEADER_POSTS),
  title: z.string(),
  leaderName: z.string().nullable(),
  teamOrganId: z.string(),
});
export type LeaderAddressee = z.output<typeof leaderAddresseeSchema>;

/** A mailbox as the public portal lists it (`GET /api/v1/leader-mailboxes`). */
export const leaderMailboxResponseSchema = z.object({
  id: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  post: z.enum(LEADER_POSTS),
  /** e.g. 四川省委书记信箱 */
  title: z.string(),
  leaderName: z.string().nullable(),
});
export type LeaderMailboxResponse = z.output<typeof leaderMailboxResponseSchema>;

export const leaderMailboxListResponseSchema = z.object({
  items: z.array(leaderMailboxResponseSchema),
});
export type LeaderMailboxListResponse = z.output<typeof leaderMailboxListResponseSchema>;

/** What the system administrator sees and sets. */
export const leaderMailboxAdminResponseSchema = leaderMailboxResponseSchema.extend({
  teamOrganId: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type LeaderMailboxAdminResponse = z.output<typeof leaderMailboxAdminResponseSchema>;

/** `GET /api/v1/leader-mailboxes/configured`: every mailbox in the administrator's jurisdiction, closed ones too. */
export const leaderMailboxAdminListResponseSchema = z.object({
  items: z.array(leaderMailboxAdminResponseSchema),
});
export type LeaderMailboxAdminListResponse = z.output<typeof leaderMailboxAdminListResponseSchema>;

/** Body of `POST /api/v1/leader-mailboxes` (system administrator). */
export const createLeaderMailboxRequestSchema = z.strictObject({
  id: mailboxIdSchema,
  divisionCode: divisionCodeSchema,
  post: z.enum(LEADER_POSTS),
  title: text(50),
  leaderName: text(20).nullable().default(null),
  teamOrganId: organIdSchema,
});
export type CreateLeaderMailboxRequest = z.output<typeof createLeaderMailboxRequestSchema>;

/** Body of `PATCH /api/v1/leader-mailboxes/:mailboxId`; at least one field. */
export const updateLeaderMailboxRequestSchema = z
  .strictObject({
    title: text(50).optional(),
    leaderName: text(20).nullable().optional(),
    teamOrganId: organIdSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: '至少修改一项',
  });
export type UpdateLeaderMailboxRequest = z.output<typeof updateLeaderMailboxRequestSchema>;
