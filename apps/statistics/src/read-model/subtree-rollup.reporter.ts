import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  MAX_ROLLUP_ROWS_PER_REPORT,
  subtreeRollupPublishedEvent,
  type RollupDay,
  type RollupRow,
} from '@minsheng/contracts';
import { EventPublisher } from '@minsheng/messaging';
import { PeriodicTask } from '@minsheng/persistence';
import {
  STATISTICS_CONFIG,
  owningChild,
  type StatisticsConfig,
} from '../config/statistics.settings.js';
import { CASE_COUNTERS } from '../measures/formulas.js';

/** Days taken per transaction (then the rows are split into events under the row limit). */
const DAYS_PER_PASS = 500;
/** One advisory lock per schema: one replica reports at a time, so revisions follow publication. */
const LOCK_KEY = 0x5354_4154; // 'STAT'

interface PendingDay {
  division_code: string;
  day: string;
}

/**
 * 数据上报: publishes the roll-up days that changed since the last report — the subtree's rows,
 * our own facts' or, for a child instance's subtree, what that child reported — for the
 * exchange-gateway to carry to the parent and keep for the integrator API. A pass with nothing
 * changed publishes a heartbeat with no days, so the parent knows the figures are current.
 */
@Injectable()
export class SubtreeRollupReporter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SubtreeRollupReporter.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    @Inject(STATISTICS_CONFIG) private readonly config: StatisticsConfig,
  ) {
    this.task = new PeriodicTask({
      name: 'statistics subtree roll-up report',
      intervalMs: Math.max(1_000, config.reportIntervalMs),
      pass: () => this.report(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.reportIntervalMs > 0) this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Publishes every changed day (several events when there are many); answers the days sent. */
  async report(): Promise<number> {
    let sent = 0;
    for (;;) {
      const n = await this.dataSource.transaction((tx) => this.reportBatch(tx, sent === 0));
      if (n === null) return sent;
      sent += n;
      if (n < DAYS_PER_PASS || this.task.isStopped) return sent;
    }
  }

  /** One transaction: lock changed days, publish their rows, clear them. `null`: another replica is at it. */
  private async reportBatch(tx: EntityManager, heartbeat: boolean): Promise<number | null> {
    const [{ locked }] = (await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
      LOCK_KEY,
    ])) as Array<{ locked: boolean }>;
    if (!locked) return null;
    const pending: PendingDay[] = await tx.query(
      `SELECT division_code, to_char(day, 'YYYY-MM-DD') AS day FROM rollup_report_pending
        ORDER BY day, division_code LIMIT ${DAYS_PER_PASS} FOR UPDATE SKIP LOCKED`,
    );
    const asOf = new Date().toISOString();
    if (pending.length === 0) {
      if (heartbeat) await this.publish(tx, asOf, []);
      return 0;
    }
    const days = await this.daysOf(tx, pending);
    let batch: RollupDay[] = [];
    let rows = 0;
    for (const day of days) {
      if (batch.length > 0 && rows + day.rows.length > MAX_ROLLUP_ROWS_PER_REPORT) {
        await this.publish(tx, asOf, batch);
        batch = [];
        rows = 0;
      }
      batch.push(day);
      rows += day.rows.length;
    }
    await this.publish(tx, asOf, batch);
    await tx.query(
      `DELETE FROM rollup_report_pending
        WHERE (division_code, day) IN (SELECT * FROM unnest($1::char(6)[], $2::date[]))`,
      [pending.map((p) => p.division_code), pending.map((p) => p.day)],
    );
    return pending.length;
  }

  private async publish(tx: EntityManager, asOf: string, days: RollupDay[]): Promise<void> {
    await this.events.publish(
      tx,
      subtreeRollupPublishedEvent,
      { instanceDivision: this.config.self, asOf, days },
      { divisionCode: this.config.self },
    );
  }

  /** Each day's rows as they stand now: a child's subtree from its report, the rest our own. */
  private async daysOf(tx: EntityManager, pending: PendingDay[]): Promise<RollupDay[]> {
    const [{ revision }] = (await tx.query(
      `SELECT nextval('rollup_report_revision')::int AS revision`,
    )) as Array<{ revision: number }>;
    const own = pending.filter((p) => !owningChild(this.config, p.division_code));
    const reported = pending.filter((p) => owningChild(this.config, p.division_code));
    const rowsOf = async (table: string, of: PendingDay[]) =>
      of.length === 0
        ? []
        : ((await tx.query(
            `SELECT r.division_code, to_char(r.day, 'YYYY-MM-DD') AS day, r.dim, r.dim_value,
                    ${CASE_COUNTERS.map((c) => `r.${c}`).join(', ')}
               FROM ${table} r
               JOIN unnest($1::char(6)[], $2::date[]) AS p(division_code, day)
                 ON p.division_code = r.division_code AND p.day = r.day
              ORDER BY r.dim, r.dim_value`,
            [of.map((p) => p.division_code), of.map((p) => p.day)],
          )) as Array<Record<string, string | number>>);
    const rows = [
      ...(await rowsOf('case_rollup_daily', own)),
      ...(await rowsOf('child_rollup_daily', reported)),
    ];
    const reporters = new Map<string, string>(
      reported.length === 0
        ? []
        : (
            (await tx.query(
              `SELECT division_code, to_char(day, 'YYYY-MM-DD') AS day, reported_by
                 FROM child_rollup_day
                WHERE (division_code, day) IN (SELECT * FROM unnest($1::char(6)[], $2::date[]))`,
              [reported.map((p) => p.division_code), reported.map((p) => p.day)],
            )) as Array<{ division_code: string; day: string; reported_by: string }>
          ).map((r) => [`${r.division_code}|${r.day}`, r.reported_by]),
    );
    const byDay = new Map<string, RollupRow[]>();
    for (const r of rows) {
      const key = `${r.division_code as string}|${r.day as string}`;
      const counters: RollupRow['counters'] = {};
      for (const c of CASE_COUNTERS) if (Number(r[c]) !== 0) counters[c] = Number(r[c]);
      const list = byDay.get(key) ?? [];
      list.push({ dim: r.dim as RollupRow['dim'], value: r.dim_value as string, counters });
      byDay.set(key, list);
    }
    return pending.map((p) => {
      const key = `${p.division_code}|${p.day}`;
      const child = owningChild(this.config, p.division_code);
      return {
        divisionCode: p.division_code,
        day: p.day,
        revision,
        reportedBy: child ? (reporters.get(key) ?? child) : this.config.self,
        rows: byDay.get(key) ?? [],
      };
    });
  }
}
