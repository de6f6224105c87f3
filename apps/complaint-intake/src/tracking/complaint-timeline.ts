import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import type { ComplaintStatus, TimelineStep } from '@minsheng/contracts';
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
    await tx.insert(ComplaintTimelineEntryEntity, {
      ...entry,
      notifiedAt: null,
      notifyAttempts: 0,
    });
    if (tx.queryRunner) tx.queryRunner.data[TOUCHED] = true;
  }

  onCommit(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[TOUCHED]) return;
    event.queryRunner.data[TOUCHED] = false;
    for (const listener of this.listeners) listener();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    event.queryRunner.data[TOUCHED] = false;
  }
}
