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
    /**
     * Personal data travels as the instance's field ciphertext (never plain) with keyed lookup
     * hashes; services of the same instance share the keys.
     */
    petitioner: z.object({
      name: z.string(),
      idNumberEncrypted: z.string(),
      idNumberHash: z.string(),
      phoneEncrypted: z.string(),
      phoneHash: z.string(),
    }),
  }),
);
