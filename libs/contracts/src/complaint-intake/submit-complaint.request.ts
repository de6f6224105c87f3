import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import {
  divisionCodeSchema,
  mobileNumberSchema,
  residentIdNumberSchema,
  text,
} from '../common/field-schemas.js';

/** Body of `POST /api/v1/complaints` — a citizen's online complaint or suggestion. */
export const submitComplaintRequestSchema = z.strictObject({
  petitioner: z.strictObject({
    name: text(50),
    idNumber: residentIdNumberSchema,
    phone: mobileNumberSchema,
  }),
  divisionCode: divisionCodeSchema,
  kind: z.enum(COMPLAINT_KINDS),
  title: text(100),
  content: text(5000),
});
export type SubmitComplaintRequest = z.output<typeof submitComplaintRequestSchema>;

export const submitComplaintResponseSchema = z.object({
  trackingCode: z.string(),
  queryCode: z.string(),
});
export type SubmitComplaintResponse = z.output<typeof submitComplaintResponseSchema>;
