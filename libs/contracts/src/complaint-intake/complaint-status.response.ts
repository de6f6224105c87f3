import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';

export const COMPLAINT_STATUSES = ['submitted', 'registered'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** What the public status page shows; nothing personal beyond masked contact data. */
export const complaintStatusResponseSchema = z.object({
  trackingCode: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  kind: z.enum(COMPLAINT_KINDS),
  title: z.string(),
  divisionCode: z.string(),
  petitionNumber: z.string().nullable(),
  submittedAt: z.string(),
  timeline: z.array(
    z.object({
      status: z.enum(COMPLAINT_STATUSES),
      at: z.string(),
      note: z.string(),
    }),
  ),
});
export type ComplaintStatusResponse = z.output<typeof complaintStatusResponseSchema>;
