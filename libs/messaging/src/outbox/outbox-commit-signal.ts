import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

const TOUCHED = 'outboxTouched';

/**
 * Wakes the outbox relay the moment a transaction that wrote outbox rows commits. Cheaper than
 * NOTIFY, which takes a database-wide lock at every commit and cost a fifth of intake throughput;
 * other replicas' rows are picked up by the relay's poll or by the next local wake.
 */
@Injectable()
export class OutboxCommitSignal implements EntitySubscriberInterface, OnModuleInit {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    // The subscriber list is read at every commit, so joining it after initialisation works.
    (this.dataSource.subscribers as EntitySubscriberInterface[]).push(this);
  }

  /** Called by EventPublisher inside the transaction that writes an outbox row. */
  markTouched(queryRunner: QueryRunner): void {
    queryRunner.data[TOUCHED] = true;
  }

  /**
   * Outbox rows were written: wake the relay at the transaction's commit when they were written
   * inside one, or now when their statement committed on its own.
   */
  written(transaction: QueryRunner | undefined): void {
    if (transaction) this.markTouched(transaction);
    else this.notify();
  }

  onCommit(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[TOUCHED]) return;
    event.queryRunner.data[TOUCHED] = false;
    this.notify();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    event.queryRunner.data[TOUCHED] = false;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
