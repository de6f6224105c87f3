import { z } from 'zod';
import { CHANNELS, COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { defineEvent } from '../messaging/event-definition.js';

/** A petition case (信访事项) was registered (登记) and given its number. */
export const caseRegisteredEvent = defineEvent(
  'petition.case.registered',
  z.object({
    caseId: z.uuid(),
    petitionNumber: z.string(),
    sourceComplaintId: z.uuid().nullable(),
    kind: z.enum(COMPLAINT_KINDS),
    channel: z.enum(CHANNELS),
    divisionCode: z.string().regex(/^\d{6}$/),
    registeredAt: z.iso.datetime({ offset: true }),
  }),
);
