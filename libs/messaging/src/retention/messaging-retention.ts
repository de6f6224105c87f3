import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '@minsheng/persistence';
import { messagingMetrics } from '../messaging-metrics.js';
import {
  DEFAULT_STREAM_MAX_AGE_DAYS,
  MESSAGING_OPTIONS,
  type MessagingOptions,
} from '../messaging.options.js';

const DAY_MS = 86_400_000;
/** Rows removed per statement: each statement is its own short transaction. */
const CHUNK = 5_000;
export const DEFAULT_OUTBOX_RETENTION_DAYS = 7;

export interface PruneResult {
  outbox: number;
  inbox: number;
}

/**
 * Keeps the outbox and the inbox from growing without end.
 *
 * - A published outbox row is JetStream's from then on; it stays `retention.outboxDays` (7 by
 *   default) for an operator to look at, then goes — oldest first, and only as a prefix of the
 *   table in `seq` order, so an unpublished row, and everything after it, is never touched.
 * - An inbox row says an event was applied, so that its redelivery is not. Once the row is older
 *   than the streams' `max_age`, the event has left every stream and cannot come again; the row
 *   goes a day after that. No setting can shorten this: a shorter inbox would apply twice.
 *
 * A pass runs a minute or two after start and then hourly. It removes in chunks, each chunk its
 * own statement under an advisory lock, so replicas do not prune the same rows and a pass never
 * holds locks for long.
 */
@Injectable()
export class MessagingRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagingRetention.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.task = new PeriodicTask({
      name: 'messaging retention',
      intervalMs: options.retention?.intervalMs ?? 3_600_000,
      pass: () => this.pruneOnce(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    // The first pass a minute or two after start (replicas started together spread out), so a
    // service restarted more often than hourly still prunes.
    this.task.start({ firstAfterMs: 60_000 + Math.random() * 60_000 });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** The days an inbox row is kept: the streams' max age and one more, whatever is configured. */
  get inboxDays(): number {
    return (this.options.streamMaxAgeDays ?? DEFAULT_STREAM_MAX_AGE_DAYS) + 1;
  }

  get outboxDays(): number {
    return this.options.retention?.outboxDays ?? DEFAULT_OUTBOX_RETENTION_DAYS;
  }

  /** One pass over both tables; returns how many rows each lost. */
  async pruneOnce(now = new Date()): Promise<PruneResult> {
    const outbox = await this.inChunks(
      'outbox',
      new Date(now.getTime() - this.outboxDays * DAY_MS),
      // The head of the table in seq order; `bool_and` over it, in that order, is true up to the
      // first row not yet published or published too recently.
      (table) => `
        WITH lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(hashtext($3)) AS held),
        head AS MATERIALIZED (
          SELECT seq, bool_and(published_at IS NOT NULL AND published_at < $1)
                        OVER (ORDER BY seq) AS expired
            FROM (SELECT seq, published_at FROM ${table}, lock
                   WHERE lock.held ORDER BY seq LIMIT $2) h),
        gone AS (DELETE FROM ${table} o USING head
                  WHERE head.expired AND o.seq = head.seq RETURNING 1)
        SELECT count(*)::int AS removed FROM gone`,
    );
    const inbox = await this.inChunks(
      'inbox',
      new Date(now.getTime() - this.inboxDays * DAY_MS),
      // Found through the BRIN index on processed_at: rows are appended in time order.
      (table) => `
        WITH lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(hashtext($3)) AS held),
        gone AS (DELETE FROM ${table}
                  WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table}, lock
                                           WHERE lock.held AND processed_at < $1 LIMIT $2))
                  RETURNING 1)
        SELECT count(*)::int AS removed FROM gone`,
    );
    if (outbox || inbox) {
      this.logger.log({ outbox, inbox }, 'published outbox rows and expired inbox rows removed');
    }
    return { outbox, inbox };
  }

  private async inChunks(
    name: 'outbox' | 'inbox',
    cutoff: Date,
    statement: (table: string) => string,
  ): Promise<number> {
    const table = `"${this.options.schema}".${name}`;
    const sql = statement(table);
    const lock = `messaging-retention:${this.options.schema}:${name}`;
    let total = 0;
    while (!this.task.isStopped) {
      const [{ removed }] = await this.dataSource.query(sql, [cutoff, CHUNK, lock]);
      total += removed;
      messagingMetrics.pruned(this.options.service, name, removed);
      if (removed < CHUNK) break;
    }
    return total;
  }
}
