import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';

const divisionCode = z.string().regex(/^\d{6}$/);
const instant = z.iso.datetime({ offset: true });

/**
 * A tier that handles a complaint this instance forwarded reported a status change (registered,
 * accepted, replied, concluded …); intake can show it to the petitioner under the tracking code.
 */
export const forwardedCaseStatusReceivedEvent = defineEvent(
  'exchange-gateway.forwarded-case.status-received',
  z.object({
    trackingCode: z.string(),
    handlingDivision: divisionCode,
    petitionNumber: z.string().nullable(),
    status: z.string(),
    event: z.string(),
    at: instant,
    summary: z.string().nullable(),
  }),
);

/** 复查申请 from a lower tier arrived for this instance's review organ. */
export const federatedReviewReceivedEvent = defineEvent(
  'exchange-gateway.review.received',
  z.object({
    reviewRequestId: z.uuid(),
    fromDivision: divisionCode,
    trackingCode: z.string(),
    petitionNumber: z.string().nullable(),
    divisionCode,
    reason: z.string(),
    repliedAt: instant,
    requestedAt: instant,
  }),
);

/** 督办 from a higher tier arrived for a case this instance handles. */
export const federatedSupervisionReceivedEvent = defineEvent(
  'exchange-gateway.supervision.received',
  z.object({
    orderId: z.uuid(),
    fromDivision: divisionCode,
    trackingCode: z.string(),
    text: z.string(),
    replyBy: instant,
    issuedAt: instant,
  }),
);
