import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';

/** A citizen's complaint was accepted by intake and committed; petition registers a case from it. */
export const complaintSubmittedEvent = defineEvent(
  'complaint-intake.complaint.submitted',
  z.object({
    complaintId: z.uuid(),
    trackingCode: z.string(),
    kind: z.enum(COMPLAINT_KINDS),
    title: z.string(),
    content: z.string(),
    divisionCode: z.string().regex(/^\d{6}$/),
    submittedAt: z.iso.datetime({ offset: true }),
    petitioner: z.object({
      name: z.string(),
      idNumber: z.string(),
      phone: z.string(),
    }),
  }),
);
