import { z } from 'zod';
import { submitComplaintRequestSchema } from '../complaint-intake/submit-complaint.request.js';

/**
 * Body of `POST /exchange/v1/complaints`: a citizen's complaint as intake takes it at its public
 * door, without the captcha (the integrator's signature stands for it). The ID and phone numbers
 * arrive in plain text over HTTPS and are encrypted before anything is stored or sent on.
 */
export const integratorComplaintRequestSchema = submitComplaintRequestSchema.omit({
  captchaId: true,
  captchaAnswer: true,
});
export type IntegratorComplaintRequest = z.output<typeof integratorComplaintRequestSchema>;

/**
 * Where a submitted complaint stands: `received` (handed to intake), `submitted` (intake took it
 * and gave it a tracking code), `awaiting-exchange` (another tier handles its division), then
 * the petition case's status once a case was registered from it.
 */
export const INTEGRATOR_COMPLAINT_STATUSES = [
  'received',
  'submitted',
  'awaiting-exchange',
] as const;

/** 202 answer of `POST /exchange/v1/complaints`. */
export const integratorComplaintAcceptedSchema = z.object({
  /** The client's handle on the complaint until (and after) intake gives it a tracking code. */
  reference: z.uuid(),
  status: z.literal('received'),
  statusUrl: z.string(),
});
export type IntegratorComplaintAccepted = z.output<typeof integratorComplaintAcceptedSchema>;

export const timelineEntrySchema = z.object({
  /** A change-feed event type, e.g. `complaint.submitted`, `case.accepted`. */
  type: z.string(),
  status: z.string(),
  at: z.string(),
});

/** `GET /exchange/v1/complaints/{reference}`: nothing personal. */
export const integratorComplaintStatusSchema = z.object({
  reference: z.uuid(),
  source: z.enum(['integrator', 'open311']),
  status: z.string(),
  trackingCode: z.string().nullable(),
  petitionNumber: z.string().nullable(),
  divisionCode: z.string(),
  categoryCode: z.string(),
  kind: z.string(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  timeline: z.array(timelineEntrySchema),
});
export type IntegratorComplaintStatus = z.output<typeof integratorComplaintStatusSchema>;

/** `GET /exchange/v1/cases/{petitionNumber}` (scope `cases:read`). */
export const integratorCaseStatusSchema = z.object({
  petitionNumber: z.string(),
  status: z.string(),
  divisionCode: z.string(),
  trackingCode: z.string().nullable(),
  leadOrganId: z.string().nullable(),
  registeredAt: z.string().nullable(),
  updatedAt: z.string(),
  timeline: z.array(timelineEntrySchema),
});
export type IntegratorCaseStatus = z.output<typeof integratorCaseStatusSchema>;
