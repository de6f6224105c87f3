import { z } from 'zod';
import { FEDERATION_MESSAGE_TYPES } from './federation-envelope.js';

const instant = z.iso.datetime({ offset: true });

/** A cross-tier message that could not be applied, kept with the reason for an operator. */
export const federationDeadLetterResponseSchema = z.object({
  id: z.uuid(),
  envelopeId: z.string().nullable(),
  type: z.enum(FEDERATION_MESSAGE_TYPES).nullable(),
  originDivision: z.string().nullable(),
  caseKey: z.string().nullable(),
  reason: z.string(),
  attempts: z.number().int(),
  deadLetteredAt: instant,
  replayedAt: instant.nullable(),
});
export type FederationDeadLetterResponse = z.output<typeof federationDeadLetterResponseSchema>;

export const replayDeadLettersResponseSchema = z.object({
  replayed: z.number().int(),
  failed: z.number().int(),
});
export type ReplayDeadLettersResponse = z.output<typeof replayDeadLettersResponseSchema>;

/** Where a complaint this instance forwarded stands at the tier that handles it. */
export const forwardedCaseResponseSchema = z.object({
  trackingCode: z.string(),
  recipientDivision: z.string(),
  forwardedAt: instant,
  handlingDivision: z.string().nullable(),
  petitionNumber: z.string().nullable(),
  status: z.string(),
  history: z.array(
    z.object({
      status: z.string(),
      event: z.string(),
      at: instant,
      summary: z.string().nullable(),
    }),
  ),
});
export type ForwardedCaseResponse = z.output<typeof forwardedCaseResponseSchema>;

/** A review request a lower tier sent up. */
export const federatedReviewResponseSchema = z.object({
  reviewRequestId: z.uuid(),
  fromDivision: z.string(),
  trackingCode: z.string(),
  petitionNumber: z.string().nullable(),
  divisionCode: z.string(),
  reason: z.string(),
  requestedAt: instant,
  receivedAt: instant,
});
export type FederatedReviewResponse = z.output<typeof federatedReviewResponseSchema>;

/** Case counts per division of this instance's subtree, as the tiers last reported them. */
export const federatedStatisticsResponseSchema = z.object({
  divisions: z.array(
    z.object({
      divisionCode: z.string(),
      registered: z.number().int(),
      concluded: z.number().int(),
      reportedBy: z.string(),
      asOf: instant,
    }),
  ),
});
export type FederatedStatisticsResponse = z.output<typeof federatedStatisticsResponseSchema>;
