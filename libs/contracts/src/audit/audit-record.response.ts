import { z } from 'zod';

export const auditRecordResponseSchema = z.object({
  seq: z.string(),
  id: z.uuid(),
  at: z.string(),
  actor: z.object({
    id: z.string(),
    roles: z.array(z.string()),
    divisionCode: z.string().nullable(),
  }),
  action: z.string(),
  outcome: z.enum(['success', 'denied', 'failure']),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  divisionCode: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  chainIndex: z.string().nullable(),
  hash: z.string().nullable(),
});
export type AuditRecordResponse = z.output<typeof auditRecordResponseSchema>;

export const auditRecordPageSchema = z.object({
  items: z.array(auditRecordResponseSchema),
  nextCursor: z.string().nullable(),
});
export type AuditRecordPage = z.output<typeof auditRecordPageSchema>;

/** Filters of the audit administrator's view; `before` is the cursor (a record's seq). */
export const auditRecordQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditRecordQuery = z.output<typeof auditRecordQuerySchema>;
