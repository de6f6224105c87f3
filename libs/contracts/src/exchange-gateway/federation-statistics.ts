import { z } from 'zod';
import { ratioSchema } from '../statistics/statistics-queries.js';
import { rollupDaySchema, MAX_ROLLUP_ROWS_PER_REPORT } from '../statistics/statistics-rollup.js';
import { defineEvent } from '../messaging/event-definition.js';

const divisionCode = z.string().regex(/^\d{6}$/);
const instant = z.iso.datetime({ offset: true });
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * A child instance's statistics roll-up arrived over the exchange (`statistics.reported`): the
 * days of its subtree, each replacing that child's earlier report of the same division and day.
 * Statistics keeps them apart from its own facts and counts the child's subtree from them only.
 */
export const childStatisticsReceivedEvent = defineEvent(
  'exchange-gateway.statistics.received',
  z.object({
    /** The child instance that reported (the envelope's origin, checked and signed). */
    fromInstance: divisionCode,
    asOf: instant,
    days: z.array(rollupDaySchema).max(MAX_ROLLUP_ROWS_PER_REPORT),
  }),
);

/** `GET /exchange/v1/statistics` (scope `statistics:read`): aggregated figures, no case data. */
export const integratorStatisticsQuerySchema = z.strictObject({
  /** Defaults to the client's allowed division when it has exactly one. */
  divisionCode: divisionCode.optional(),
  /** China days (or instants); `to` exclusive; default the last 365 days. */
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});
export type IntegratorStatisticsQuery = z.output<typeof integratorStatisticsQuerySchema>;

export const aggregatedFiguresSchema = z.object({
  /** 新增, of which online; 办结; 积存 and 超期 at the period's end. */
  registered: z.number().int(),
  online: z.number().int(),
  concluded: z.number().int(),
  backlog: z.number().int(),
  overdue: z.number().int(),
  timelyAcceptance: ratioSchema,
  onTimeConclusion: ratioSchema,
  officeSatisfaction: ratioSchema,
  organSatisfaction: ratioSchema,
  ratingParticipation: ratioSchema,
  onlineShare: ratioSchema,
});
export type AggregatedFigures = z.output<typeof aggregatedFiguresSchema>;

export const integratorStatisticsResponseSchema = z.object({
  divisionCode,
  divisionName: z.string(),
  from: instant,
  to: instant,
  /** When statistics last reported the figures the gateway holds (`null`: nothing yet). */
  asOf: instant.nullable(),
  total: aggregatedFiguresSchema,
  /** The division's child divisions (a county: itself), each with its figures. */
  divisions: z.array(
    z.object({ divisionCode, divisionName: z.string() }).extend(aggregatedFiguresSchema.shape),
  ),
});
export type IntegratorStatisticsResponse = z.output<typeof integratorStatisticsResponseSchema>;
