import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import type { ComplaintStatus, TimelineStep } from '@minsheng/contracts';
import type { WriteBatch } from '@minsheng/persistence';
import { ComplaintTimelineEntryEntity } from '../complaint/complaint-timeline-entry.entity.js';

const TOUCHED = 'timelineTouched';

export interface TimelineAppend {
  complaintId: string;
  step: TimelineStep;
  status: ComplaintStatus;
  note: string;
  at: Date;
}

/**
 * Writes steps on the public timeline, inside the caller's transaction. Every step is also a
 * notice to the petitioner: the dispatcher sends it after commit (woken by this class) or on its
 * next poll, so a notice exists exactly when its step does.
 */
@Injectable()
export class ComplaintTimeline implements EntitySubscriberInterface, OnModuleInit {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    (this.dataSource.subscribers as EntitySubscriberInterface[]).push(this);
  }

  async append(tx: EntityManager, entry: TimelineAppend): Promise<void> {
    await tx.insert(ComplaintTimelineEntryEntity, unsent(entry));
    if (tx.queryRunner) tx.queryRunner.data[TOUCHED] = true;
  }

  /** {@link append} into a {@link WriteBatch}; the dispatcher is woken once the step is durable. */
  stage(batch: WriteBatch, entry: TimelineAppend): void {
    batch
      .insert(this.dataSource.manager, ComplaintTimelineEntryEntity, unsent(entry))
      .afterWrite((transaction) => {
        if (transaction) transaction.data[TOUCHED] = true;
        else this.notify();
      });
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

const unsent = (entry: TimelineAppend): ComplaintTimelineEntryEntity =>
  ({ ...entry, notifiedAt: null, notifyAttempts: 0 }) as ComplaintTimelineEntryEntity;
