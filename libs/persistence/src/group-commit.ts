import { Counter, Histogram } from 'prom-client';
import { sharedMetric } from '@minsheng/observability';
import type { EntityManager } from 'typeorm';
import { WriteBatch } from './write-batch.js';

export interface GroupCommitOptions {
  /** Names it in the metrics (`ms_group_commit_*{group}`). */
  name?: string;
  /** Statements in flight at once; the rest wait and are written together. */
  maxInFlight?: number;
  /** At most this many batches in one statement. */
  maxBatches?: number;
  /**
   * How long a batch may wait for its turn before it is refused: while statements in flight hang
   * (Postgres stopped, a lossy link), callers get an answer — a retryable "unavailable" — instead
   * of waiting with them, as they would for a pooled connection.
   */
  maxWaitMs?: number;
}

/** A batch that did not get its turn in time; nothing of it was written. */
export class GroupCommitWaitExceeded extends Error {
  constructor(waitedMs: number) {
    super(`write waited ${waitedMs} ms for the database and was not sent`);
    this.name = 'GroupCommitWaitExceeded';
  }
}

// What an operator asks of a group commit: how large the groups are under the day's load, and
// whether writes are being refused or written again one by one.
const groupSizes = sharedMetric(
  'ms_group_commit_batches',
  () =>
    new Histogram({
      name: 'ms_group_commit_batches',
      help: 'Write batches per statement of a group commit',
      labelNames: ['group'],
      buckets: [1, 2, 4, 8, 16, 32, 64],
    }),
);
const refused = sharedMetric(
  'ms_group_commit_refused_total',
  () =>
    new Counter({
      name: 'ms_group_commit_refused_total',
      help: 'Write batches refused after waiting too long for their turn',
      labelNames: ['group'],
    }),
);
const writtenAlone = sharedMetric(
  'ms_group_commit_split_total',
  () =>
    new Counter({
      name: 'ms_group_commit_split_total',
      help: 'Groups that failed as a whole and were written again batch by batch',
      labelNames: ['group'],
    }),
);

// Postgres takes at most 65,535 parameters in one statement.
const MAX_PARAMETERS = 65_535;

interface Waiting {
  batch: WriteBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
  /** Armed only for a batch that had to wait. */
  timer?: NodeJS.Timeout;
}

/**
 * Group commit for write batches that are their own transaction: while `maxInFlight` statements
 * are on their way to Postgres, batches arriving meanwhile wait and then go together, as one
 * statement — one round trip and one commit (one WAL flush) for all of them. Under light load a
 * batch goes at once, alone; the busier the service, the larger the groups, with no timer adding
 * latency. Each caller's promise settles when its own writes have committed, so nothing is
 * acknowledged before it is durable. A group that fails is written again batch by batch, so that
 * one batch's error (a unique key taken) is that caller's alone.
 */
export class GroupCommit {
  private readonly maxInFlight: number;
  private readonly maxBatches: number;
  private readonly maxWaitMs: number;
  private readonly labels: { group: string };
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly manager: EntityManager,
    options: GroupCommitOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxBatches = options.maxBatches ?? 32;
    this.maxWaitMs = options.maxWaitMs ?? 5_000;
    this.labels = { group: options.name ?? 'default' };
    if (manager.queryRunner) {
      throw new Error('GroupCommit writes its own transactions: give it the data source manager');
    }
  }

  run(batch: WriteBatch): Promise<void> {
    if (batch.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiting: Waiting = { batch, resolve, reject };
      this.waiting.push(waiting);
      this.pump();
      // Under light load it has gone at once and needs no timer; pump takes from the front, so
      // one still waiting is the last.
      if (this.waiting.at(-1) === waiting) {
        waiting.timer = setTimeout(() => {
          const at = this.waiting.indexOf(waiting);
          if (at < 0) return;
          this.waiting.splice(at, 1);
          refused.inc(this.labels);
          reject(new GroupCommitWaitExceeded(this.maxWaitMs));
        }, this.maxWaitMs);
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.inFlight++;
      void this.write(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private takeGroup(): Waiting[] {
    const group = [this.waiting.shift() as Waiting];
    let parameters = group[0].batch.parameterCount;
    while (group.length < this.maxBatches && this.waiting.length > 0) {
      const next = this.waiting[0].batch.parameterCount;
      if (parameters + next > MAX_PARAMETERS) break;
      parameters += next;
      group.push(this.waiting.shift() as Waiting);
    }
    for (const waiting of group) clearTimeout(waiting.timer);
    groupSizes.observe(this.labels, group.length);
    return group;
  }

  private async write(group: Waiting[]): Promise<void> {
    if (group.length > 1) {
      try {
        await WriteBatch.combine(group.map((w) => w.batch)).run(this.manager);
        for (const waiting of group) waiting.resolve();
        return;
      } catch {
        // Written again one by one below: each caller gets its own outcome.
        writtenAlone.inc(this.labels);
      }
    }
    await Promise.all(
      group.map(({ batch, resolve, reject }) => batch.run(this.manager).then(resolve, reject)),
    );
  }
}
