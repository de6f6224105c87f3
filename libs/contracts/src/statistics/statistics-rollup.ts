import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';
import type { Ratio } from './statistics-queries.js';

const divisionCode = z.string().regex(/^\d{6}$/);
const instant = z.iso.datetime({ offset: true });

/**
 * The counters statistics books per China day × division × dimension (`case_rollup_daily`).
 * Each is a count of case acts on that day, so any period's measures are sums of them (the
 * formulas: docs/statistics.md). Numbers only: no case, no person, no text.
 */
export const ROLLUP_COUNTERS = [
  'registered',
  'online',
  'closed',
  'accept_decided',
  'accept_on_time',
  'accept_overdue_start',
  'accept_overdue_end',
  'concluded',
  'concluded_on_time',
  'conclude_overdue_start',
  'conclude_overdue_end',
  'concluded_rated',
  'office_rated',
  'office_satisfied',
  'organ_rated',
  'organ_satisfied',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];
export type RollupCounters = Record<RollupCounter, number>;

/** The dimensions each case is rolled up by; `all` is the plain division total. */
export const ROLLUP_DIMENSIONS = ['all', 'category', 'channel', 'organ', 'kind'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/** Counters of one row; zeros are left out on the wire (most rows have two or three). */
const rollupCountersSchema = z.strictObject(
  Object.fromEntries(
    ROLLUP_COUNTERS.map((c) => [c, z.number().int().nonnegative().max(1e9).optional()]),
  ) as Record<RollupCounter, z.ZodOptional<z.ZodNumber>>,
);

export const rollupRowSchema = z.strictObject({
  dim: z.enum(ROLLUP_DIMENSIONS),
  /** The category code, channel, organ id or kind; `-` for none (and for `all`). */
  value: z.string().min(1).max(100),
  counters: rollupCountersSchema,
});
export type RollupRow = z.output<typeof rollupRowSchema>;

/** Rows per report: keeps an event (and the envelope carrying it) well under 1 MB. */
export const MAX_ROLLUP_ROWS_PER_REPORT = 2_000;

/**
 * Every roll-up row of one division on one day. A report replaces the earlier report of the same
 * division and day when its `revision` is higher (revisions increase per reporting instance);
 * `rows: []` says the day now holds nothing.
 */
export const rollupDaySchema = z.strictObject({
  divisionCode,
  day: z.iso.date(),
  revision: z.number().int().positive(),
  /** The instance whose figures these are: the reporter itself, or the child that reported them. */
  reportedBy: divisionCode,
  rows: z.array(rollupRowSchema).max(MAX_ROLLUP_ROWS_PER_REPORT),
});
export type RollupDay = z.output<typeof rollupDaySchema>;

/**
 * Statistics' roll-up of its instance's subtree, published when days change (and, with no
 * change, as a heartbeat with no days): its own facts' rows plus what its child instances
 * reported, so a parent receives its whole subtree through one child (transitively).
 */
export const subtreeRollupPublishedEvent = defineEvent(
  'statistics.subtree-rollup.published',
  z.object({
    /** The instance (its division) whose statistics published this. */
    instanceDivision: divisionCode,
    asOf: instant,
    days: z.array(rollupDaySchema).max(MAX_ROLLUP_ROWS_PER_REPORT),
  }),
);

export function emptyRollupCounters(): RollupCounters {
  return Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, 0])) as RollupCounters;
}

/** Sums of counters over a period, and running sums over every day before its end. */
export interface RollupPeriodSums {
  inPeriod: RollupCounters;
  beforeEnd: RollupCounters;
}

export function rollupRatio(numerator: number, denominator: number): Ratio {
  return {
    numerator,
    denominator,
    rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
  };
}

export interface RollupRates {
  timelyAcceptance: Ratio;
  onTimeConclusion: Ratio;
  officeSatisfaction: Ratio;
  organSatisfaction: Ratio;
  ratingParticipation: Ratio;
  onlineShare: Ratio;
}

/**
 * 及时受理率 = decided on time ÷ (decided + undecided past the deadline at the period's end)
 * 按期办结率 = concluded on time ÷ (concluded + open past the deadline at the period's end)
 * 满意率     = (满意 + 基本满意) ÷ rated, for the office and for the organ separately
 * 参评率     = concluded cases that were rated ÷ concluded cases
 * 网上占比   = registered online ÷ registered
 * Defined once here so statistics and the exchange's aggregated figures cannot disagree.
 */
export function rollupRates({ inPeriod: p, beforeEnd: b }: RollupPeriodSums): RollupRates {
  const openAcceptOverdue = b.accept_overdue_start - b.accept_overdue_end;
  const openConcludeOverdue = b.conclude_overdue_start - b.conclude_overdue_end;
  return {
    timelyAcceptance: rollupRatio(p.accept_on_time, p.accept_decided + openAcceptOverdue),
    onTimeConclusion: rollupRatio(p.concluded_on_time, p.concluded + openConcludeOverdue),
    officeSatisfaction: rollupRatio(p.office_satisfied, p.office_rated),
    organSatisfaction: rollupRatio(p.organ_satisfied, p.organ_rated),
    ratingParticipation: rollupRatio(p.concluded_rated, p.concluded),
    onlineShare: rollupRatio(p.online, p.registered),
  };
}

/** 新增, 办结, 积存 (open at the end), 超期 (open past a deadline at the end). */
export function rollupVolumes({ inPeriod: p, beforeEnd: b }: RollupPeriodSums) {
  return {
    registered: p.registered,
    online: p.online,
    concluded: p.closed,
    backlog: b.registered - b.closed,
    overdue:
      b.accept_overdue_start -
      b.accept_overdue_end +
      (b.conclude_overdue_start - b.conclude_overdue_end),
  };
}
