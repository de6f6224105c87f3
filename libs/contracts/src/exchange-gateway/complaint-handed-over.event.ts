import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { defineEvent } from '../messaging/event-definition.js';
import {
  complaintDivisionCodeSchema,
  citizenText,
  locationSchema,
} from '../complaint-intake/submit-complaint.request.js';

/** Who hands a complaint to intake other than a citizen at the public door. */
export const COMPLAINT_SOURCES = ['exchange', 'integrator', 'open311'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

export const complaintSourceSchema = z.strictObject({
  kind: z.enum(COMPLAINT_SOURCES),
  id: z.string().min(1).max(64),
  reference: z.string().min(1).max(128),
});
export type ComplaintSourceRef = z.output<typeof complaintSourceSchema>;

export const handOverComplaintSchema = z.strictObject({
  /**
   * `kind` and `id` (the sending division for `exchange`, the client id otherwise) with
   * `reference` are the idempotency key: the same triple returns the same complaint, so a
   * redelivered hand-over never makes a second one.
   */
  source: complaintSourceSchema,
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
export type HandOverComplaint = z.output<typeof handOverComplaintSchema>;

/**
 * `exchange-gateway.complaint.handed-over`: the exchange hands intake a complaint that did not come
 * through the public door — forwarded by another tier's instance, or sent by an integrator or an
 * Open311 client whose signature the gateway checked. An event, not a command, so the hand-over is
 * durable (outbox → JetStream → intake's inbox) and needs no service credential: intake consumes it
 * exactly once, stores the complaint keyed by `source`, and announces it with its usual
 * `complaint-intake.complaint.submitted` / `.routed` events carrying the same `source`, from which
 * the gateway learns the tracking code.
 */
export const complaintHandedOverEvent = defineEvent(
  'exchange-gateway.complaint.handed-over',
  handOverComplaintSchema,
);
