import { z } from 'zod';
import { text } from '../common/field-schemas.js';
import { petitionNumberSchema } from './booking.js';

/**
 * How a reception ended: resolved on the spot, turned into a new case, added to an existing case,
 * or the leader takes the case on (包案) with a follow-up deadline.
 */
export const RECEPTION_OUTCOMES = [
  'resolved-on-spot',
  'new-case',
  'added-to-case',
  'case-ownership',
] as const;
export type ReceptionOutcome = (typeof RECEPTION_OUTCOMES)[number];

/** Body of `POST /api/v1/bookings/:id/record` — the reception record (电子笔录). */
export const writeRecordRequestSchema = z.strictObject({
  /** What the petitioner raised. */
  summary: text(5000),
  /** The official's response. */
  response: text(5000),
  outcome: z.enum(RECEPTION_OUTCOMES),
  /** The case concerned; the booking's linked case when left out. */
  petitionNumber: petitionNumberSchema.optional(),
  /** 包案: days to the first follow-up, in the deployment's day-count mode; the default setting when left out. */
  followUpDays: z.number().int().min(1).max(365).optional(),
  /** Officials present besides the leader (several tiers may join). */
  officials: z
    .array(z.strictObject({ name: text(50), title: text(100) }))
    .max(20)
    .default([]),
});
export type WriteRecordRequest = z.output<typeof writeRecordRequestSchema>;

/** Body of `POST /api/v1/bookings/:id/record/confirmation`: the petitioner confirms the record. */
export const confirmRecordRequestSchema = z.discriminatedUnion('method', [
  /** The code texted to the petitioner when the record was written. */
  z.strictObject({ method: z.literal('code'), code: z.string().regex(/^\d{6}$/) }),
  /** A PNG or JPEG of the petitioner's signature, base64. */
  z.strictObject({ method: z.literal('signature'), imageBase64: z.string().min(8).max(200_000) }),
]);
export type ConfirmRecordRequest = z.output<typeof confirmRecordRequestSchema>;

export const receptionRecordResponseSchema = z.object({
  id: z.uuid(),
  bookingId: z.uuid(),
  summary: z.string(),
  response: z.string(),
  outcome: z.enum(RECEPTION_OUTCOMES),
  petitionNumber: z.string().nullable(),
  officials: z.array(z.object({ name: z.string(), title: z.string() })),
  recordedBy: z.string(),
  recordedAt: z.string(),
  confirmation: z.object({
    method: z.enum(['code', 'signature']).nullable(),
    confirmedAt: z.string().nullable(),
  }),
  caseOwnership: z
    .object({
      id: z.uuid(),
      petitionNumber: z.string(),
      leaderId: z.string(),
      leaderName: z.string(),
      takenAt: z.string(),
      followUpDeadline: z.string(),
    })
    .nullable(),
});
export type ReceptionRecordResponse = z.output<typeof receptionRecordResponseSchema>;
