import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  subtreeRollupPublishedEvent,
  type EventData,
  type EventEnvelope,
  type FederatedStatisticsResponse,
  type RollupDay,
  type StatisticsReportedPayload,
} from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { FederationOutbox } from './federation-outbox.js';

type Published = EventData<typeof subtreeRollupPublishedEvent>;

/**
 * 数据上报: this instance's statistics service publishes its subtree's daily roll-up rows (its own
 * facts, and what its child instances reported to it — so a city's report carries its counties'
 * figures and the province hears the whole subtree through the city). The gateway keeps a copy
 * (for the integrator API's aggregated figures; it never reads statistics' tables) and sends the
 * days up to the parent as `statistics.reported`. Numbers only: no personal data, no case text.
 */
@Injectable()
export class StatisticsReporter {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly outbox: FederationOutbox,
  ) {}

  @OnEvent(subtreeRollupPublishedEvent)
  async onSubtreeRollup(envelope: EventEnvelope<Published>, tx: EntityManager): Promise<void> {
    const { instanceDivision, asOf, days } = envelope.data;
    // Our own statistics only (a namespace is one instance; this guards a misrouted event).
    if (instanceDivision !== this.config.topology.self) return;
    const newer = await this.keepCopy(tx, days);
    const parent = this.config.topology.parent;
    // A heartbeat (no days) goes up too: the parent learns the figures are current as of `asOf`.
    if (!parent || (days.length > 0 && newer.length === 0)) return;
    await this.outbox.send(tx, {
      type: 'statistics.reported',
      recipient: parent,
      caseKey: 'statistics',
      payload: () => ({ asOf, days: newer }) satisfies StatisticsReportedPayload,
    });
  }

  /** Replaces each day a higher revision reports; answers the days that were newer. */
  private async keepCopy(tx: EntityManager, days: RollupDay[]): Promise<RollupDay[]> {
    const s = `"${this.config.schema}"`;
    const newer: RollupDay[] = [];
    for (const day of days) {
      const [applied] = (await tx.query(
        `INSERT INTO ${s}.federation_statistics_day (division_code, day, reported_by, revision, received_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (division_code, day) DO UPDATE SET reported_by = EXCLUDED.reported_by,
           revision = EXCLUDED.revision, received_at = EXCLUDED.received_at
         WHERE federation_statistics_day.revision < EXCLUDED.revision
         RETURNING division_code`,
        [day.divisionCode, day.day, day.reportedBy, day.revision],
      )) as unknown[];
      if (!applied) continue;
      newer.push(day);
      await tx.query(
        `DELETE FROM ${s}.federation_statistics_rollup WHERE division_code = $1 AND day = $2`,
        [day.divisionCode, day.day],
      );
      if (day.rows.length === 0) continue;
      await tx.query(
        `INSERT INTO ${s}.federation_statistics_rollup (division_code, day, dim, dim_value, counters)
         SELECT $1, $2, r.dim, r.value, r.counters
           FROM jsonb_to_recordset($3::jsonb) AS r(dim text, value text, counters jsonb)`,
        [day.divisionCode, day.day, JSON.stringify(day.rows)],
      );
    }
    return newer;
  }

  /** The subtree's case counts per division, as statistics last reported them. */
  async subtree(): Promise<FederatedStatisticsResponse> {
    const s = `"${this.config.schema}"`;
    const rows: Array<{
      division_code: string;
      registered: string;
      concluded: string;
      reported_by: string;
      as_of: Date;
    }> = await this.dataSource.query(
      `SELECT d.division_code,
              coalesce(sum((r.counters->>'registered')::int), 0) AS registered,
              coalesce(sum((r.counters->>'closed')::int), 0) AS concluded,
              (array_agg(d.reported_by ORDER BY d.received_at DESC))[1] AS reported_by,
              max(d.received_at) AS as_of
         FROM ${s}.federation_statistics_day d
         LEFT JOIN ${s}.federation_statistics_rollup r
           ON r.division_code = d.division_code AND r.day = d.day AND r.dim = 'all'
        GROUP BY d.division_code ORDER BY d.division_code`,
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
}
