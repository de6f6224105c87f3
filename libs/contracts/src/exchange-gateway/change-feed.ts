import { z } from 'zod';

/**
 * One entry of the change feed and of webhook deliveries: what happened to a complaint or case,
 * with identifiers and states only — never a name, number, title, content or reply text.
 */
export const changeItemSchema = z.object({
  /** Pass as `cursor` to read what came after. */
  cursor: z.string(),
  eventId: z.uuid(),
  /** `complaint.submitted`, `complaint.routed`, `case.registered`, `case.accepted` … */
  type: z.string(),
  occurredAt: z.string(),
  divisionCode: z.string(),
  /** Set when this client submitted the complaint. */
  reference: z.uuid().nullable(),
  trackingCode: z.string().nullable(),
  petitionNumber: z.string().nullable(),
  status: z.string(),
  previousStatus: z.string().nullable(),
  categoryCode: z.string().nullable(),
  leadOrganId: z.string().nullable(),
  /** The deadline now running, when the case has one. */
  currentDeadline: z.object({ kind: z.string(), dueAt: z.string() }).nullable(),
});
export type ChangeItem = z.output<typeof changeItemSchema>;

export const CHANGE_TYPES = [
  'complaint.submitted',
  'complaint.routed',
  'case.registered',
  'case.transferred',
  'case.assigned',
  'case.objected',
  'case.accepted',
  'case.declined',
  'case.routed-to-litigation',
  'case.final-case-linked',
  'case.extension-requested',
  'case.extended',
  'case.extension-rejected',
  'case.replied',
  'case.concluded',
  'case.review-requested',
  'case.reviewed',
  'case.reexamination-requested',
  'case.hearing-started',
  'case.hearing-ended',
  'case.reexamined',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Query of `GET /exchange/v1/changes`. */
export const changeFeedQuerySchema = z.strictObject({
  /** The `nextCursor` of the previous page; from the beginning when left out. */
  cursor: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ChangeFeedQuery = z.output<typeof changeFeedQuerySchema>;

export const changeFeedResponseSchema = z.object({
  items: z.array(changeItemSchema),
  /** Where the next page starts; the same cursor again when nothing new has come. */
  nextCursor: z.string(),
  hasMore: z.boolean(),
});
export type ChangeFeedResponse = z.output<typeof changeFeedResponseSchema>;
