import { z } from 'zod';
import { divisionCodeSchema, text } from '../common/field-schemas.js';

/** Body of `POST /api/v1/halls`: a reception hall (接访厅), a room with a video terminal. */
export const createHallRequestSchema = z.strictObject({
  name: text(100),
  divisionCode: divisionCodeSchema,
  address: text(200).optional(),
});
export type CreateHallRequest = z.output<typeof createHallRequestSchema>;

export const hallResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  divisionCode: z.string(),
  address: z.string().nullable(),
  active: z.boolean(),
});
export type HallResponse = z.output<typeof hallResponseSchema>;

export const hallListResponseSchema = z.object({ items: z.array(hallResponseSchema) });
export type HallListResponse = z.output<typeof hallListResponseSchema>;
