import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '@minsheng/persistence';
import { SYSTEM_ACTOR } from './audit-entry.js';
import { RETENTION_ACTION } from './audit-chain.js';
import { AuditTrail } from './audit-trail.js';
import { AUDIT_OPTIONS, MIN_RETENTION_DAYS, type AuditOptions } from './audit.options.js';

/**
 * Removes audit records past the retention period, oldest first and only as a whole prefix of the
 * chain, and records the purge (with the last removed hash) so the chain still verifies.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditRetention.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {
    this.task = new PeriodicTask({
      name: 'audit retention',
      intervalMs: options.retentionIntervalMs ?? 6 * 3_600_000,
      pass: () => this.purgeOnce(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    // The first purge a minute or two after start, so a service restarted more often than the
    // interval still purges.
    this.task.start({ firstAfterMs: 60_000 + Math.random() * 60_000 });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Returns how many records were removed. */
  async purgeOnce(now = new Date()): Promise<number> {
    const days = Math.max(this.options.retentionDays ?? MIN_RETENTION_DAYS, MIN_RETENTION_DAYS);
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    const table = `"${this.options.schema}".audit_record`;
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
        [`audit-seal:${this.options.schema}`],
      );
      if (!locked) return 0;
      // The purgeable prefix ends just before the first sealed record that is still young enough.
      const [bound] = await tx.query(
        `SELECT COALESCE(
           (SELECT min(chain_index) - 1 FROM ${table} WHERE hash IS NOT NULL AND at >= $1),
           (SELECT max(chain_index) FROM ${table} WHERE hash IS NOT NULL)) AS through`,
        [cutoff],
      );
      const through: string | null = bound?.through ?? null;
      if (through === null || BigInt(through) < 1n) return 0;
      const [last] = await tx.query(`SELECT hash FROM ${table} WHERE chain_index = $1`, [through]);
      if (!last) return 0;
      await tx.query(`SET LOCAL minsheng.audit_purge = 'on'`);
      const [{ removed }] = await tx.query(
        `WITH d AS (DELETE FROM ${table} WHERE chain_index <= $1 RETURNING 1) SELECT count(*)::int AS removed FROM d`,
        [through],
      );
      await this.audit.record(
        {
          action: RETENTION_ACTION,
          outcome: 'success',
          actor: SYSTEM_ACTOR,
          details: {
            removed,
            throughChainIndex: through,
            lastPurgedHash: last.hash,
            cutoff,
          },
        },
        tx,
      );
      return removed as number;
    });
  }
}
