import { z } from 'zod';

const divisionCode = z.string().regex(/^\d{6}$/);
/** A calendar day in China time (`2026-03-01`) or an ISO instant. */
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** How a series is broken down: by month, by child division, or by one case dimension. */
export const STATISTICS_GROUP_BY = [
  'month',
  'division',
  'category',
  'channel',
  'organ',
  'kind',
] as const;
export type StatisticsGroupBy = (typeof STATISTICS_GROUP_BY)[number];

/**
 * Query string of `GET /api/v1/statistics/rates` and `/volumes`. `divisionCode` defaults to the
 * caller's own division; `from` (inclusive) and `to` (exclusive) default to the last 12 months.
 * Days are China days (UTC+8).
 */
export const statisticsQuerySchema = z.object({
  divisionCode: divisionCode.optional(),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  groupBy: z.enum(STATISTICS_GROUP_BY).default('month'),
});
export type StatisticsQuery = z.output<typeof statisticsQuerySchema>;

/** A ratio with its parts, so charts can show "n / d" and rates add up across groups. */
export const ratioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** numerator ÷ denominator rounded to 4 decimals; `null` when the denominator is 0. */
  rate: z.number().min(0).max(1).nullable(),
});
export type Ratio = z.output<typeof ratioSchema>;

/** The rates of one group (formulas: docs/statistics.md). */
export const ratesPointSchema = z.object({
  /** 及时受理率: acceptance decided on time ÷ (decided + undecided past the deadline). */
  timelyAcceptance: ratioSchema,
  /** 按期办结率: concluded on time ÷ (concluded + open and already overdue). */
  onTimeConclusion: ratioSchema,
  /** 群众满意率 of the petition office: satisfied + basically satisfied ÷ rated. */
  officeSatisfaction: ratioSchema,
  /** 群众满意率 of the responsible organ. */
  organSatisfaction: ratioSchema,
  /** 参评率: concluded cases rated ÷ concluded cases. */
  ratingParticipation: ratioSchema,
  /** 网上信访占比: new cases from the online channel ÷ new cases. */
  onlineShare: ratioSchema,
  /** 留言按期答复率 (leader messages): replied on time ÷ (replied + open past the deadline). */
  leaderMessageOnTimeReply: ratioSchema,
});
export type RatesPoint = z.output<typeof ratesPointSchema>;

/** One group of a series: `key` is the month (`2026-03`), division code, category code, … */
const seriesKey = z.object({ key: z.string(), label: z.string() });

export const ratesResponseSchema = z.object({
  divisionCode,
  divisionName: z.string(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  groupBy: z.enum(STATISTICS_GROUP_BY),
  total: ratesPointSchema,
  series: z.array(seriesKey.extend(ratesPointSchema.shape)),
});
export type RatesResponse = z.output<typeof ratesResponseSchema>;

/** Volumes of one group (formulas: docs/statistics.md). */
export const volumesPointSchema = z.object({
  /** 新增: cases registered in the period. */
  registered: z.number().int(),
  /** of which arrived online (网上信访). */
  online: z.number().int(),
  /** 办结: cases concluded in the period. */
  concluded: z.number().int(),
  /** 积存: registered before the period's end and not concluded by then. */
  backlog: z.number().int(),
  /** 超期: of the backlog, past the conclusion (or acceptance) deadline at the period's end. */
  overdue: z.number().int(),
  /** 领导留言 received, and replied. */
  leaderMessages: z.number().int(),
  leaderMessagesReplied: z.number().int(),
  /** 视频接访: receptions held and people received. */
  receptionsHeld: z.number().int(),
  peopleReceived: z.number().int(),
  /** 领导包案: cases leaders took on in the period, and of those, concluded since. */
  casesTakenOn: z.number().int(),
  casesTakenOnResolved: z.number().int(),
});
export type VolumesPoint = z.output<typeof volumesPointSchema>;

export const volumesResponseSchema = z.object({
  divisionCode,
  divisionName: z.string(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  groupBy: z.enum(STATISTICS_GROUP_BY),
  total: volumesPointSchema,
  series: z.array(seriesKey.extend(volumesPointSchema.shape)),
});
export type VolumesResponse = z.output<typeof volumesResponseSchema>;
