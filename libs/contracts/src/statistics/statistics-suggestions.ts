import { z } from 'zod';
import { ratioSchema } from './statistics-queries.js';

const divisionCode = z.string().regex(/^\d{6}$/);
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** `GET /api/v1/statistics/suggestions`: suggestions (建议意见类) by theme or by studying organ. */
export const suggestionStatisticsQuerySchema = z.object({
  divisionCode: divisionCode.optional(),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  groupBy: z.enum(['theme', 'organ']).default('theme'),
});
export type SuggestionStatisticsQuery = z.output<typeof suggestionStatisticsQuerySchema>;

/** Each counted on its own day: received on registration, studied on the findings, the rest on the decision. */
export const suggestionCountsSchema = z.object({
  received: z.number().int(),
  studied: z.number().int(),
  adopted: z.number().int(),
  partlyAdopted: z.number().int(),
  notAdopted: z.number().int(),
});
export type SuggestionCounts = z.output<typeof suggestionCountsSchema>;

export const suggestionStatisticsResponseSchema = z.object({
  divisionCode,
  divisionName: z.string(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  groupBy: z.enum(['theme', 'organ']),
  /** Each suggestion once (a suggestion under two themes counts under both in the series). */
  total: suggestionCountsSchema,
  /** `key` is the theme code or organ id; `-` for none (未归类 / 未指定单位). */
  series: z.array(
    z.object({ key: z.string(), label: z.string() }).extend(suggestionCountsSchema.shape),
  ),
});
export type SuggestionStatisticsResponse = z.output<typeof suggestionStatisticsResponseSchema>;

/** `GET /api/v1/statistics/leader-mailboxes`: matters registered in the period, by addressee. */
export const leaderMailboxStatisticsQuerySchema = z.object({
  divisionCode: divisionCode.optional(),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});
export type LeaderMailboxStatisticsQuery = z.output<typeof leaderMailboxStatisticsQuerySchema>;

const mailboxFigures = {
  /** 领导信箱 matters registered in the period. */
  received: z.number().int(),
  /** Of those, replied (答复) so far. */
  replied: z.number().int(),
  /**
   * 按期答复: replied no later than the conclusion deadline in force (or, for a reply before
   * acceptance, the acceptance deadline) ÷ replied — petition's own mailbox figure.
   */
  onTimeReply: ratioSchema,
};

export const leaderMailboxStatisticsResponseSchema = z.object({
  divisionCode,
  divisionName: z.string(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  total: z.object(mailboxFigures),
  /** One row per addressed mailbox (the addressee), by most received. */
  mailboxes: z.array(z.object({ mailboxId: z.string(), ...mailboxFigures })),
  /** The message-board figures of the same period, beside them (留言 received, replied on time). */
  messageBoard: z.object({
    received: z.number().int(),
    replied: z.number().int(),
    onTimeReply: ratioSchema,
  }),
});
export type LeaderMailboxStatisticsResponse = z.output<
  typeof leaderMailboxStatisticsResponseSchema
>;
