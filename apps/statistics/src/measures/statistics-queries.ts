import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  RatesPoint,
  RatesResponse,
  StatisticsGroupBy,
  VolumesPoint,
  VolumesResponse,
} from '@minsheng/contracts';
import { ancestorColumn, childColumn, divisionName } from '../read-model/division-path.js';
import {
  CASE_COUNTERS,
  caseRates,
  caseVolumes,
  emptyCounters,
  messageReplyCounts,
  ratio,
  type CaseCounters,
} from './formulas.js';
import type { Scope } from './statistics-scope.js';
import { STATISTICS_CONFIG, type StatisticsConfig } from '../config/statistics.settings.js';

const SUMS = CASE_COUNTERS.map((c) => `sum(${c})::bigint AS ${c}`).join(', ');
const CHANNEL_LABELS: Record<string, string> = {
  online: '网上',
  letter: '来信',
  visit: '来访',
  phone: '电话',
  video: '视频',
  'message-board': '留言板',
  'leader-mailbox': '领导信箱',
};
const KIND_LABELS: Record<string, string> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  appeal: '申诉求决类',
};

type Row = Record<string, string | null> & { key: string | null };

function counters(row: Row | undefined): CaseCounters {
  const out = emptyCounters();
  if (row) for (const c of CASE_COUNTERS) out[c] = Number(row[c] ?? 0);
  return out;
}

function addInto(a: CaseCounters, b: CaseCounters): CaseCounters {
  for (const c of CASE_COUNTERS) a[c] += b[c];
  return a;
}

interface Groups {
  keys: string[];
  inPeriod: Map<string, CaseCounters>;
  beforeEnd: Map<string, CaseCounters>;
}

/**
 * Dashboard queries over the daily roll-ups: a subtree is an equality on one ancestor column,
 * a period a range of days; the formulas themselves live in formulas.ts.
 */
@Injectable()
export class StatisticsQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(STATISTICS_CONFIG) private readonly config: StatisticsConfig,
  ) {}

  async rates(scope: Scope, groupBy: StatisticsGroupBy): Promise<RatesResponse> {
    const groups = await this.caseGroups(scope, groupBy);
    const total = await this.caseGroups(scope, null);
    const messages = await this.messageRates(scope, groupBy);
    const point = (key: string | null, g: Groups): RatesPoint => ({
      ...caseRates({
        inPeriod: g.inPeriod.get(key ?? '*') ?? emptyCounters(),
        beforeEnd: g.beforeEnd.get(key ?? '*') ?? emptyCounters(),
      }),
      leaderMessageOnTimeReply: messages.get(key ?? '*') ?? ratio(0, 0),
    });
    const keys = [...new Set([...groups.keys, ...[...messages.keys()].filter((k) => k !== '*')])];
    return {
      ...this.header(scope, groupBy),
      total: point(null, total),
      series: this.sortKeys(keys, groupBy).map((key) => ({
        key,
        label: this.label(key, groupBy),
        ...point(key, groups),
      })),
    };
  }

  async volumes(scope: Scope, groupBy: StatisticsGroupBy): Promise<VolumesResponse> {
    const groups = await this.caseGroups(scope, groupBy);
    const total = await this.caseGroups(scope, null);
    const activity = await this.activity(scope, groupBy);
    const point = (key: string, g: Groups): VolumesPoint => ({
      ...caseVolumes({
        inPeriod: g.inPeriod.get(key) ?? emptyCounters(),
        beforeEnd: g.beforeEnd.get(key) ?? emptyCounters(),
      }),
      ...(activity.get(key) ?? emptyActivity()),
    });
    const keys = [...new Set([...groups.keys, ...[...activity.keys()].filter((k) => k !== '*')])];
    return {
      ...this.header(scope, groupBy),
      total: point('*', total),
      series: this.sortKeys(keys, groupBy).map((key) => ({
        key,
        label: this.label(key, groupBy),
        ...point(key, groups),
      })),
    };
  }

  private header(scope: Scope, groupBy: StatisticsGroupBy) {
    return {
      divisionCode: scope.divisionCode,
      divisionName: divisionName(scope.divisionCode),
      from: `${scope.fromDay}T00:00:00+08:00`,
      to: `${scope.toDay}T00:00:00+08:00`,
      groupBy,
    };
  }

  /** Counter sums per group: in the period, and over every day before the (clamped) end. */
  async caseGroups(scope: Scope, groupBy: StatisticsGroupBy | null): Promise<Groups> {
    const where = `${ancestorColumn(scope.divisionCode)} = $1`;
    let dim = 'all';
    let keyExpr = `'*'`;
    if (groupBy === 'division')
      keyExpr = `coalesce(${childColumn(scope.divisionCode)}, division_code)`;
    else if (groupBy === 'month') keyExpr = `to_char(day, 'YYYY-MM')`;
    else if (groupBy) {
      dim = groupBy;
      keyExpr = 'dim_value';
    }
    const children = this.config.children;
    const inPeriod: Row[] = await this.dataSource.query(
      `SELECT ${keyExpr} AS key, ${SUMS} FROM ${rollupSource(children, 5)} r
        WHERE dim = $2 AND ${where} AND day >= $3 AND day < $4 GROUP BY 1`,
      [scope.divisionCode, dim, scope.fromDay, scope.toDay, ...(children.length ? [children] : [])],
    );
    const before: Row[] = await this.dataSource.query(
      `SELECT ${keyExpr} AS key, ${SUMS} FROM ${rollupSource(children, 4)} r
        WHERE dim = $2 AND ${where} AND day < $3 GROUP BY 1`,
      [scope.divisionCode, dim, scope.endDay, ...(children.length ? [children] : [])],
    );
    const result: Groups = { keys: [], inPeriod: new Map(), beforeEnd: new Map() };
    for (const r of inPeriod) result.inPeriod.set(r.key ?? '-', counters(r));
    if (groupBy === 'month') {
      // "Open at the end of month M" = running sum over every month up to M (before the end day).
      const months = monthsOf(scope);
      const byMonth = new Map(before.map((r) => [r.key ?? '', counters(r)]));
      const running = emptyCounters();
      for (const [month, c] of [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (month < months[0]) addInto(running, c);
      }
      for (const month of months) {
        addInto(running, byMonth.get(month) ?? emptyCounters());
        result.beforeEnd.set(month, { ...running });
      }
      result.keys = months;
    } else {
      for (const r of before) result.beforeEnd.set(r.key ?? '-', counters(r));
      result.keys = [...new Set([...result.inPeriod.keys(), ...result.beforeEnd.keys()])].filter(
        (k) => k !== '*',
      );
    }
    return result;
  }

  /** 留言按期答复率 per group; only month, division and organ apply to messages. */
  private async messageRates(scope: Scope, groupBy: StatisticsGroupBy) {
    const out = new Map<string, ReturnType<typeof ratio>>();
    const rows: Array<{
      reply_deadline: Date | null;
      published_at: Date | null;
      converted: boolean;
      division_key: string;
      organ: string | null;
    }> = await this.dataSource.query(
      `SELECT reply_deadline, published_at, converted, lead_organ_id AS organ,
              coalesce(${childColumn(scope.divisionCode)}, division_code) AS division_key
         FROM leader_message_fact
        WHERE ${ancestorColumn(scope.divisionCode)} = $1 AND reply_deadline IS NOT NULL
          AND (published_at >= $2 OR published_at IS NULL) AND reply_deadline >= $2 - interval '1 year'`,
      [scope.divisionCode, `${scope.fromDay}T00:00:00+08:00`],
    );
    const views = rows.map((r) => ({
      ...r,
      replyDeadline: r.reply_deadline!,
      publishedAt: r.published_at,
    }));
    const rateOf = (list: typeof views, from: string, end: string) => {
      const c = messageReplyCounts(list, midnight(from), midnight(end));
      return ratio(c.onTime, c.replied + c.openOverdue);
    };
    out.set('*', rateOf(views, scope.fromDay, scope.endDay));
    if (groupBy === 'month') {
      for (const month of monthsOf(scope)) {
        const start = month < scope.fromDay.slice(0, 7) ? scope.fromDay : `${month}-01`;
        const next = nextMonth(month);
        const end = [next, scope.endDay].sort()[0];
        out.set(month, rateOf(views, start < scope.fromDay ? scope.fromDay : start, end));
      }
    } else if (groupBy === 'division' || groupBy === 'organ') {
      const keyOf = (v: (typeof views)[number]) =>
        groupBy === 'division' ? v.division_key : (v.organ ?? '-');
      for (const key of new Set(views.map(keyOf))) {
        out.set(
          key,
          rateOf(
            views.filter((v) => keyOf(v) === key),
            scope.fromDay,
            scope.endDay,
          ),
        );
      }
    }
    return out;
  }

  /** Messages, receptions and case ownership per group (month and division only). */
  private async activity(scope: Scope, groupBy: StatisticsGroupBy) {
    const out = new Map<string, ReturnType<typeof emptyActivity>>();
    if (groupBy !== 'month' && groupBy !== 'division') {
      out.set('*', (await this.activity(scope, 'month')).get('*')!);
      return out;
    }
    const where = `${ancestorColumn(scope.divisionCode)} = $1`;
    const key = (at: string) =>
      groupBy === 'month'
        ? `to_char(${at} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`
        : `coalesce(${childColumn(scope.divisionCode)}, division_code)`;
    const range = (at: string) => `${at} >= $2::timestamptz AND ${at} < $3::timestamptz`;
    const params = [
      scope.divisionCode,
      `${scope.fromDay}T00:00:00+08:00`,
      `${scope.toDay}T00:00:00+08:00`,
    ];
    const queries: Array<[string, string]> = [
      [
        `SELECT ${key('posted_at')} AS key, count(*) AS n FROM leader_message_fact
          WHERE ${where} AND ${range('posted_at')} GROUP BY 1`,
        'leaderMessages',
      ],
      [
        `SELECT ${key('published_at')} AS key, count(*) AS n FROM leader_message_fact
          WHERE ${where} AND ${range('published_at')} GROUP BY 1`,
        'leaderMessagesReplied',
      ],
      [
        `SELECT ${key('starts_at')} AS key, count(*) AS n FROM reception_fact
          WHERE ${where} AND ${range('starts_at')} GROUP BY 1`,
        'receptionsHeld',
      ],
      [
        `SELECT ${key('starts_at')} AS key, sum(people_received) AS n FROM reception_fact
          WHERE ${where} AND ${range('starts_at')} GROUP BY 1`,
        'peopleReceived',
      ],
      [
        `SELECT ${key('taken_at')} AS key, count(*) AS n FROM case_ownership_fact
          WHERE ${where} AND ${range('taken_at')} GROUP BY 1`,
        'casesTakenOn',
      ],
      [
        `SELECT ${key('o.taken_at').replace(/(city_code|county_code|division_code)/g, 'o.$1')} AS key,
                count(*) AS n
           FROM case_ownership_fact o
          WHERE o.${where} AND ${range('o.taken_at')}
            AND EXISTS (SELECT 1 FROM case_fact f
                         WHERE f.petition_number = o.petition_number AND f.closed_at IS NOT NULL)
          GROUP BY 1`,
        'casesTakenOnResolved',
      ],
    ];
    const total = emptyActivity();
    for (const [sql, field] of queries) {
      const rows: Array<{ key: string; n: string }> = await this.dataSource.query(sql, params);
      for (const r of rows) {
        const entry = out.get(r.key) ?? emptyActivity();
        entry[field as keyof ReturnType<typeof emptyActivity>] += Number(r.n);
        total[field as keyof ReturnType<typeof emptyActivity>] += Number(r.n);
        out.set(r.key, entry);
      }
    }
    out.set('*', total);
    return out;
  }

  private sortKeys(keys: string[], groupBy: StatisticsGroupBy): string[] {
    return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).filter(() => groupBy !== null);
  }

  private label(key: string, groupBy: StatisticsGroupBy): string {
    if (groupBy === 'division') return divisionName(key);
    if (groupBy === 'channel') return CHANNEL_LABELS[key] ?? key;
    if (groupBy === 'kind') return KIND_LABELS[key] ?? key;
    if (key === '-') return '未分类';
    return key;
  }
}

/**
 * The roll-up rows a query sums: our own, except in a child instance's subtree, where only what
 * the child reported counts — each division is counted from exactly one source.
 */
export function rollupSource(children: string[], param: number): string {
  if (children.length === 0) return 'case_rollup_daily';
  // coalesce: a NULL ancestor must read as "not owned", not as unknown (NOT NULL drops rows).
  const owned = `(division_code = ANY($${param}::char(6)[])
      OR coalesce(city_code, '') = ANY($${param}::char(6)[])
      OR coalesce(county_code, '') = ANY($${param}::char(6)[]))`;
  return `(SELECT * FROM case_rollup_daily WHERE NOT ${owned}
      UNION ALL SELECT * FROM child_rollup_daily WHERE ${owned})`;
}

function emptyActivity() {
  return {
    leaderMessages: 0,
    leaderMessagesReplied: 0,
    receptionsHeld: 0,
    peopleReceived: 0,
    casesTakenOn: 0,
    casesTakenOnResolved: 0,
  };
}

const midnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The months the period touches, `YYYY-MM`. */
export function monthsOf(scope: { fromDay: string; toDay: string }): string[] {
  const months: string[] = [];
  let month = scope.fromDay.slice(0, 7);
  const last = new Date(Date.parse(`${scope.toDay}T00:00:00Z`) - 1).toISOString().slice(0, 7);
  while (month <= last) {
    months.push(month);
    month = nextMonth(month).slice(0, 7);
  }
  return months;
}
