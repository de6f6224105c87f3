import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/**
 * Tells in-process listeners that rows of one kind (outbox events, timeline notices) have been
 * committed, so a relay or dispatcher wakes at once instead of at its next poll. Cheaper than
 * NOTIFY, which takes a database-wide lock at every commit and cost a fifth of intake's
 * throughput; rows other replicas commit are still found by the poll.
 *
 * Rows written inside a transaction are marked on its query runner and announced when TypeORM
 * reports the commit; rows written by a statement of their own (a {@link WriteBatch} run outside a
 * transaction) are announced at once.
 */
export class CommitSignal implements EntitySubscriberInterface {
  private readonly listeners = new Set<() => void>();

  /** @param key the query runner's data key this signal marks (one per kind of row) */
  constructor(private readonly key: string) {}

  /** Joins the data source's subscribers; they are read at every commit, so later works too. */
  attach(dataSource: DataSource): void {
    (dataSource.subscribers as EntitySubscriberInterface[]).push(this);
  }

  /** Rows were written inside this transaction: announce them at its commit. */
  markTouched(queryRunner: QueryRunner): void {
    queryRunner.data[this.key] = true;
  }

  /** Rows were written: announced at the transaction's commit if inside one, else now. */
  written(transaction: QueryRunner | undefined): void {
    if (transaction) this.markTouched(transaction);
    else this.notify();
  }

  onCommit(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[this.key]) return;
    event.queryRunner.data[this.key] = false;
    this.notify();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    event.queryRunner.data[this.key] = false;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
