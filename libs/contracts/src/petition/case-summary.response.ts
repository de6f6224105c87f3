import { z } from 'zod';
import { CHANNELS, COMPLAINT_KINDS } from '../common/complaint-kind.js';

/** A case as staff see it in lists and detail views; personal data arrives masked. */
export const caseSummaryResponseSchema = z.object({
  id: z.uuid(),
  petitionNumber: z.string(),
  kind: z.enum(COMPLAINT_KINDS),
  channel: z.enum(CHANNELS),
  title: z.string(),
  content: z.string(),
  divisionCode: z.string(),
  status: z.string(),
  registeredAt: z.string(),
  petitioner: z.object({
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
  }),
});
export type CaseSummaryResponse = z.output<typeof caseSummaryResponseSchema>;
