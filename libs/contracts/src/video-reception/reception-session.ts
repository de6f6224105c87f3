import { z } from 'zod';

export const JOIN_PARTICIPANTS = ['petitioner', 'official', 'hall'] as const;

/** Answer of `POST /api/v1/bookings/:id/join-links`: one signed link per participant. */
export const joinLinksResponseSchema = z.object({
  provider: z.string(),
  room: z.string(),
  /** The links work from `validFrom` to `validUntil` only (around the slot). */
  validFrom: z.string(),
  validUntil: z.string(),
  links: z.array(
    z.object({
      participant: z.enum(JOIN_PARTICIPANTS),
      hallId: z.uuid().nullable(),
      displayName: z.string(),
      moderator: z.boolean(),
      url: z.string(),
    }),
  ),
});
export type JoinLinksResponse = z.output<typeof joinLinksResponseSchema>;
