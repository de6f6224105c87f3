import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCodes,
  ROLLUP_COUNTERS,
  emptyRollupCounters,
  rollupRates,
  rollupVolumes,
  type AggregatedFigures,
  type IntegratorStatisticsQuery,
  type IntegratorStatisticsResponse,
  type RollupCounters,
} from '@minsheng/contracts';
import { childDivisions, divisionTier, findDivision } from '@minsheng/domain';
import type { IntegratorCaller } from './integrator-client.js';
import { integratorError } from './integrator.errors.js';
import { requestedDivision } from './requested-division.js';
import { INTEGRATOR_CONFIG, type IntegratorConfig } from './integrator.settings.js';

const DAY_MS = 86_400_000;
const MAX_DAYS = 5 * 366;
const chinaDay = (instant: Date) =>
  new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const dayOf = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : chinaDay(new Date(value));

/** `LIKE` pattern of a division's subtree, over the six-digit code. */
function subtreePattern(code: string): string {
  const tier = divisionTier(code);
  return tier === 'province'
    ? `${code.slice(0, 2)}%`
    : tier === 'city'
      ? `${code.slice(0, 4)}%`
      : code;
}

/**
 * `GET /exchange/v1/statistics`: volumes and the three rates for a division of the client's,
 * computed with the shared formulas (contracts' `rollupRates` / `rollupVolumes`) from the
 * gateway's copy of statistics' roll-up — the `statistics.subtree-rollup.published` events.
 * Chosen over a NATS command to statistics: those need a staff bearer token, and the copy is
 * also what the gateway reports up, so both answers agree.
 */
@Injectable()
export class AggregatedStatisticsQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INTEGRATOR_CONFIG) private readonly config: IntegratorConfig,
  ) {}

  async execute(
    caller: IntegratorCaller,
    query: IntegratorStatisticsQuery,
    now = new Date(),
  ): Promise<IntegratorStatisticsResponse> {
    const divisionCode = this.divisionOf(caller, query.divisionCode);
    const today = chinaDay(now);
    const toDay = query.to ? dayOf(query.to) : addDays(today, 1);
    const fromDay = query.from ? dayOf(query.from) : addDays(toDay, -365);
    if (fromDay >= toDay || (Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS > MAX_DAYS) {
      throw integratorError(400, ErrorCodes.validationFailed, '统计区间无效', [
        {
          path: 'from',
          code: 'INVALID_PERIOD',
          message: '起始日期应早于截止日期，区间不超过 5 年',
        },
      ]);
    }
    const endDay = toDay < today ? toDay : today;
    const s = `"${this.config.schema}"`;
    const sums = ROLLUP_COUNTERS.map(
      (c) => `coalesce(sum((counters->>'${c}')::bigint), 0) AS ${c}`,
    ).join(', ');
    const children = childDivisions(divisionCode).map((d) => d.code);
    const groups = children.length > 0 ? children : [divisionCode];
    const groupKey = `CASE ${groups
      .map((_, i) => `WHEN division_code LIKE $${i + 4} THEN ${i}`)
      .join(' ')} END`;
    const rowsFor = async (before: boolean) =>
      (await this.dataSource.query(
        `SELECT ${groupKey} AS g, ${sums} FROM ${s}.federation_statistics_rollup
          WHERE dim = 'all' AND division_code LIKE $1
            AND ${before ? 'day < $3 AND $2::date IS NOT NULL' : 'day >= $2 AND day < $3'}
          GROUP BY 1`,
        [
          subtreePattern(divisionCode),
          fromDay,
          before ? endDay : toDay,
          ...groups.map(subtreePattern),
        ],
      )) as Array<Record<string, string | number | null>>;
    const inPeriod = await rowsFor(false);
    const beforeEnd = await rowsFor(true);
    const countersOf = (rows: typeof inPeriod, g: number | null) => {
      const out = emptyRollupCounters();
      for (const r of rows) {
        if (g !== null && Number(r.g) !== g) continue;
        for (const c of ROLLUP_COUNTERS) out[c] += Number(r[c] ?? 0);
      }
      return out;
    };
    const figures = (p: RollupCounters, b: RollupCounters): AggregatedFigures => ({
      ...rollupVolumes({ inPeriod: p, beforeEnd: b }),
      ...rollupRates({ inPeriod: p, beforeEnd: b }),
    });
    const [asOf] = (await this.dataSource.query(
      `SELECT max(received_at) AS at FROM ${s}.federation_statistics_day WHERE division_code LIKE $1`,
      [subtreePattern(divisionCode)],
    )) as Array<{ at: Date | null }>;
    return {
      divisionCode,
      divisionName: findDivision(divisionCode)?.fullName ?? divisionCode,
      from: new Date(`${fromDay}T00:00:00+08:00`).toISOString(),
      to: new Date(`${toDay}T00:00:00+08:00`).toISOString(),
      asOf: asOf?.at ? new Date(asOf.at).toISOString() : null,
      total: figures(countersOf(inPeriod, null), countersOf(beforeEnd, null)),
      divisions: groups.map((code, i) => ({
        divisionCode: code,
        divisionName: findDivision(code)?.fullName ?? code,
        ...figures(countersOf(inPeriod, i), countersOf(beforeEnd, i)),
      })),
    };
  }

  /** The division asked for, within the client's allowed ones (its only one by default). */
  private divisionOf(caller: IntegratorCaller, requested: string | undefined): string {
    if (!requested) {
      if (caller.allowedDivisions.length === 1) return caller.allowedDivisions[0];
      throw integratorError(400, ErrorCodes.validationFailed, '请指定行政区划', [
        {
          path: 'divisionCode',
          code: 'REQUIRED',
          message: '接入方有多个授权行政区划时须指定一个',
        },
      ]);
    }
    return requestedDivision(caller, requested);
  }
}
