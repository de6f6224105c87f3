import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FederatedStatisticsResponse, StatisticsReportedPayload } from '@minsheng/contracts';
import { PeriodicTask } from '@minsheng/runtime';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { FederationOutbox } from './federation-outbox.js';

interface CountRow {
  division_code: string;
  registered: number;
  concluded: number;
  reported_by: string;
  as_of: Date;
}

/**
 * 数据上报: the case counts of this instance's subtree — its own, counted from petition's events,
 * and its children's latest reports — sent up to the parent on an interval. Counts only: no
 * personal data crosses with them. (The statistics service builds the full read models; this is
 * what a tier can tell its parent without it.)
 */
@Injectable()
export class StatisticsReporter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(StatisticsReporter.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly outbox: FederationOutbox,
  ) {
    this.task = new PeriodicTask({
      name: 'federation statistics report',
      intervalMs: Math.max(1_000, config.settings.FEDERATION_STATISTICS_INTERVAL_MS),
      pass: () => this.report(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.topology.parent && this.config.settings.FEDERATION_STATISTICS_INTERVAL_MS > 0) {
      this.task.start({ immediately: true });
    }
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** The subtree's counts, per division (own counts, then what children reported). */
  async subtree(): Promise<FederatedStatisticsResponse> {
    const s = `"${this.config.schema}"`;
    const now = new Date();
    const rows: CountRow[] = await this.dataSource.query(
      `SELECT division_code, registered, concluded, $1::text AS reported_by, $2::timestamptz AS as_of
         FROM ${s}.federation_case_count
       UNION ALL
       SELECT r.division_code, r.registered, r.concluded, r.reported_by, r.as_of
         FROM ${s}.federation_reported_count r
        WHERE NOT EXISTS (SELECT 1 FROM ${s}.federation_case_count c WHERE c.division_code = r.division_code)
       ORDER BY 1`,
      [this.config.topology.self, now],
    );
    return {
      divisions: rows.map((r) => ({
        divisionCode: r.division_code,
        registered: Number(r.registered),
        concluded: Number(r.concluded),
        reportedBy: String(r.reported_by).trim(),
        asOf: new Date(r.as_of).toISOString(),
      })),
    };
  }

  async report(): Promise<void> {
    const parent = this.config.topology.parent;
    if (!parent) return;
    const { divisions } = await this.subtree();
    const payload: StatisticsReportedPayload = {
      asOf: new Date().toISOString(),
      divisions: divisions.map(({ divisionCode, registered, concluded }) => ({
        divisionCode,
        registered,
        concluded,
      })),
    };
    await this.dataSource.transaction((tx) =>
      this.outbox.send(tx, {
        type: 'statistics.reported',
        recipient: parent,
        caseKey: 'statistics',
        payload: () => payload,
      }),
    );
  }
}
