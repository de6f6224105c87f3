import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';
import { ORGAN_KINDS } from './organ.js';

const organ = z.object({
  organId: z.string(),
  name: z.string(),
  kind: z.enum(ORGAN_KINDS),
  divisionCode: z.string().regex(/^\d{6}$/),
  parentId: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type OrganRecord = z.output<typeof organ>;

/** An organ was created, renamed, moved or deactivated: its state after the change. */
export const organChangedEvent = defineEvent('petition.organ.changed', organ);

/**
 * The whole organ directory as petition holds it, announced at every start: organs seeded by
 * migrations never pass through a change, and a new reader catches up from the latest snapshot.
 * Readers keep an organ's newest state by `updatedAt`.
 */
export const organDirectoryAnnouncedEvent = defineEvent(
  'petition.organ-directory.announced',
  z.object({ organs: z.array(organ), announcedAt: z.iso.datetime({ offset: true }) }),
);
