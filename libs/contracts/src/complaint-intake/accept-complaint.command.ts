import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { defineCommand } from '../messaging/event-definition.js';
import {
  complaintDivisionCodeSchema,
  citizenText,
  locationSchema,
} from './submit-complaint.request.js';

/** Who hands a complaint to intake other than a citizen at the public door. */
export const COMPLAINT_SOURCES = ['exchange', 'integrator', 'open311'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

export const acceptComplaintRequestSchema = z.strictObject({
  /**
   * `kind` and `id` (the sending division for `exchange`, the client id otherwise) with
   * `reference` are the idempotency key: the same triple returns the same complaint, so a
   * redelivered hand-over never makes a second one.
   */
  source: z.strictObject({
    kind: z.enum(COMPLAINT_SOURCES),
    id: z.string().min(1).max(64),
    reference: z.string().min(1).max(128),
  }),
  /** As in intake's events: field ciphertext under this instance's keys, never plain. */
  petitioner: z.strictObject({
    name: citizenText(50),
    idNumberEncrypted: z.string().min(1),
    idNumberHash: z.string().min(1),
    phoneEncrypted: z.string().min(1),
    phoneHash: z.string().min(1),
  }),
  divisionCode: complaintDivisionCodeSchema,
  kind: z.enum(COMPLAINT_KINDS),
  categoryCode: z.string().regex(/^\d{2}(\d{2})?$/),
  title: citizenText(100),
  content: citizenText(5000),
  address: citizenText(200).nullable().default(null),
  location: locationSchema.nullable().default(null),
  replyPublicConsent: z.boolean().default(false),
  /** When the citizen submitted it at the source. */
  submittedAt: z.iso.datetime({ offset: true }),
  /** A complaint forwarded by another tier keeps the tracking code its petitioner already holds. */
  trackingCode: z.string().min(1).max(32).optional(),
});
export type AcceptComplaintRequest = z.output<typeof acceptComplaintRequestSchema>;

export const acceptComplaintResponseSchema = z.object({
  complaintId: z.uuid(),
  trackingCode: z.string(),
  /** Issued only when intake made the tracking code; shown once, only its hash is stored. */
  queryCode: z.string().nullable(),
  status: z.enum(['submitted', 'awaiting-exchange']),
  /** True when this source reference had already been accepted (nothing new was stored). */
  duplicate: z.boolean(),
});
export type AcceptComplaintResponse = z.output<typeof acceptComplaintResponseSchema>;

/**
 * `complaint-intake.complaint.accept`: a trusted in-instance caller (exchange-gateway, for a
 * complaint forwarded by another tier or sent by an integrator or an Open311 client) hands intake
 * a complaint. No captcha or per-address limits: the caller has authenticated its own sender.
 */
export const acceptComplaintCommand = defineCommand(
  'complaint-intake.complaint.accept',
  acceptComplaintRequestSchema,
  acceptComplaintResponseSchema,
);
