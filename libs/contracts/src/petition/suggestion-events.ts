import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';
import { divisionCodeShape, instantSchema } from './case-common.js';
import { ADOPTION_FORMS, SUGGESTION_OUTCOMES, SUGGESTION_STAGES } from './suggestion.js';

/**
 * What every `petition.suggestion.*` event carries: the case, its text and category (so the
 * statistics can file it under a theme) and the organ studying it, when there is one.
 */
export const suggestionChangeSchema = z.object({
  caseId: z.uuid(),
  petitionNumber: z.string(),
  /** The online complaint the suggestion came from; `null` for letters, visits … */
  sourceComplaintId: z.uuid().nullable(),
  divisionCode: divisionCodeShape,
  categoryCode: z.string().nullable(),
  title: z.string(),
  content: z.string(),
  stage: z.enum(SUGGESTION_STAGES),
  organId: z.string().nullable(),
  organName: z.string().nullable(),
  registeredAt: instantSchema,
  at: instantSchema,
});
export type SuggestionChange = z.output<typeof suggestionChangeSchema>;

/** 列入研究: staff found the suggestion worth study. */
export const suggestionMarkedForStudyEvent = defineEvent(
  'petition.suggestion.marked-for-study',
  suggestionChangeSchema.extend({ note: z.string() }),
);

/** 交由有关单位研究: the organ that would act on it studies it. */
export const suggestionStudyAssignedEvent = defineEvent(
  'petition.suggestion.study-assigned',
  suggestionChangeSchema,
);

/** 研究意见: the organ recorded its findings. */
export const suggestionStudiedEvent = defineEvent(
  'petition.suggestion.studied',
  suggestionChangeSchema.extend({ findings: z.string() }),
);

/** 采纳 / 部分采纳 / 未采纳: how it ended, what it became, and — where not (all) taken — why. */
export const suggestionDecidedEvent = defineEvent(
  'petition.suggestion.decided',
  suggestionChangeSchema.extend({
    outcome: z.enum(SUGGESTION_OUTCOMES),
    adoption: z
      .object({
        form: z.enum(ADOPTION_FORMS),
        title: z.string(),
        reference: z.string(),
        adoptedOn: z.iso.date(),
      })
      .nullable(),
    summary: z.string().nullable(),
    reason: z.string().nullable(),
  }),
);
