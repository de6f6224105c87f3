import { z } from 'zod';
import { text } from '../common/field-schemas.js';
import { organIdSchema } from './organ.js';

/** Where a suggestion (建议意见类) stands on its way to adoption (意见建议 → 采纳). */
export const SUGGESTION_STAGES = ['worth-study', 'assigned', 'studied', 'decided'] as const;
export type SuggestionStage = (typeof SUGGESTION_STAGES)[number];

/** 采纳 / 部分采纳 / 未采纳 */
export const SUGGESTION_OUTCOMES = ['adopted', 'partly-adopted', 'not-adopted'] as const;
export type SuggestionOutcome = (typeof SUGGESTION_OUTCOMES)[number];

/** What an adopted suggestion became: a measure (措施), a rule (制度/规定), a budget line (预算项目). */
export const ADOPTION_FORMS = ['measure', 'rule', 'budget-line'] as const;
export type AdoptionForm = (typeof ADOPTION_FORMS)[number];

export const SUGGESTION_OUTCOME_LABELS: Record<SuggestionOutcome, string> = {
  adopted: '已采纳',
  'partly-adopted': '部分采纳',
  'not-adopted': '未采纳',
};
export const ADOPTION_FORM_LABELS: Record<AdoptionForm, string> = {
  measure: '工作措施',
  rule: '制度规定',
  'budget-line': '预算项目',
};

/** Stable error codes of suggestion tracking, beside the shared `ErrorCodes`. */
export const SuggestionErrorCodes = {
  /** The case is not of kind `suggestion` (409). */
  notASuggestion: 'NOT_A_SUGGESTION',
  /** The step does not follow from where the suggestion stands (409). */
  wrongSuggestionStage: 'WRONG_SUGGESTION_STAGE',
} as const;

/** Body of `POST /api/v1/cases/:petitionNumber/suggestion/mark-worth-study`. */
export const markSuggestionWorthStudyRequestSchema = z.strictObject({
  /** Why it is worth study (有研究价值). */
  note: text(1000),
});
export type MarkSuggestionWorthStudyRequest = z.output<
  typeof markSuggestionWorthStudyRequestSchema
>;

/** Body of `POST /api/v1/cases/:petitionNumber/suggestion/assign`: the organ that would act on it. */
export const assignSuggestionStudyRequestSchema = z.strictObject({
  organId: organIdSchema,
});
export type AssignSuggestionStudyRequest = z.output<typeof assignSuggestionStudyRequestSchema>;

/** Body of `POST /api/v1/cases/:petitionNumber/suggestion/findings` (研究意见). */
export const recordSuggestionFindingsRequestSchema = z.strictObject({
  findings: text(5000),
});
export type RecordSuggestionFindingsRequest = z.output<
  typeof recordSuggestionFindingsRequestSchema
>;

/** What an adopted (or partly adopted) suggestion became, with its reference (文号) and date. */
export const adoptionSchema = z.strictObject({
  form: z.enum(ADOPTION_FORMS),
  /** e.g. 《成都市老旧小区加装电梯补贴办法》 */
  title: text(200),
  /** 文号 or budget item number. */
  reference: text(100),
  adoptedOn: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }),
});
export type Adoption = z.output<typeof adoptionSchema>;

/**
 * Body of `POST /api/v1/cases/:petitionNumber/suggestion/decide`. An adopted or partly adopted
 * suggestion says what it became; a partly adopted or not adopted one says why not (the rest).
 */
export const decideSuggestionRequestSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('adopted'),
    adoption: adoptionSchema,
    /** For the citizen: how the suggestion was taken up. */
    summary: text(1000),
  }),
  z.strictObject({
    outcome: z.literal('partly-adopted'),
    adoption: adoptionSchema,
    summary: text(1000),
    reason: text(1000),
  }),
  z.strictObject({
    outcome: z.literal('not-adopted'),
    reason: text(1000),
  }),
]);
export type DecideSuggestionRequest = z.output<typeof decideSuggestionRequestSchema>;

export const suggestionStudyResponseSchema = z.object({
  petitionNumber: z.string(),
  divisionCode: z.string(),
  categoryCode: z.string().nullable(),
  title: z.string(),
  stage: z.enum(SUGGESTION_STAGES),
  worthStudyNote: z.string(),
  markedAt: z.string(),
  organId: z.string().nullable(),
  organName: z.string().nullable(),
  assignedAt: z.string().nullable(),
  findings: z.string().nullable(),
  studiedAt: z.string().nullable(),
  outcome: z.enum(SUGGESTION_OUTCOMES).nullable(),
  adoption: z
    .object({
      form: z.enum(ADOPTION_FORMS),
      title: z.string(),
      reference: z.string(),
      adoptedOn: z.string(),
    })
    .nullable(),
  summary: z.string().nullable(),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type SuggestionStudyResponse = z.output<typeof suggestionStudyResponseSchema>;

const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Query of `GET /api/v1/suggestions` and `GET /api/v1/suggestions/summary`. */
export const listSuggestionsQuerySchema = z.strictObject({
  /** Suggestions registered from … to (a day or an instant; `to` exclusive). */
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  /** A category code (either level) of intake's taxonomy: the theme's categories. */
  categoryCode: z
    .string()
    .regex(/^\d{2}(\d{2})?$/, { message: '类别代码格式不正确' })
    .optional(),
  stage: z.enum(SUGGESTION_STAGES).optional(),
  outcome: z.enum(SUGGESTION_OUTCOMES).optional(),
  organId: organIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListSuggestionsQuery = z.output<typeof listSuggestionsQuerySchema>;

export const suggestionListResponseSchema = z.object({
  items: z.array(
    z.object({
      petitionNumber: z.string(),
      divisionCode: z.string(),
      categoryCode: z.string().nullable(),
      title: z.string(),
      registeredAt: z.string(),
      /** `received` until staff mark it worth study. */
      stage: z.enum(['received', ...SUGGESTION_STAGES]),
      organId: z.string().nullable(),
      outcome: z.enum(SUGGESTION_OUTCOMES).nullable(),
    }),
  ),
  total: z.number().int(),
});
export type SuggestionListResponse = z.output<typeof suggestionListResponseSchema>;

const counts = {
  received: z.number().int(),
  studied: z.number().int(),
  adopted: z.number().int(),
  partlyAdopted: z.number().int(),
  notAdopted: z.number().int(),
};

/** Received, studied and adopted, by category (theme) and by organ. */
export const suggestionSummaryResponseSchema = z.object({
  byCategory: z.array(z.object({ categoryCode: z.string().nullable(), ...counts })),
  byOrgan: z.array(z.object({ organId: z.string(), organName: z.string().nullable(), ...counts })),
});
export type SuggestionSummaryResponse = z.output<typeof suggestionSummaryResponseSchema>;
