import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ComplaintStatus, TimelineStep } from '@minsheng/contracts';
import { CommitSignal, type WriteBatch } from '@minsheng/persistence';
import { ComplaintTimelineEntryEntity } from '../complaint/complaint-timeline-entry.entity.js';

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
export class ComplaintTimeline implements OnModuleInit {
  private readonly signal = new CommitSignal('timelineTouched');

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.signal.attach(this.dataSource);
  }

  async append(tx: EntityManager, entry: TimelineAppend): Promise<void> {
    await tx.insert(ComplaintTimelineEntryEntity, unsent(entry));
    if (tx.queryRunner) this.signal.markTouched(tx.queryRunner);
  }

  /** {@link append} into a {@link WriteBatch}; the dispatcher is woken once the step is durable. */
  stage(batch: WriteBatch, entry: TimelineAppend): void {
    batch
      .insert(this.dataSource.manager, ComplaintTimelineEntryEntity, unsent(entry))
      .afterWrite((transaction) => this.signal.written(transaction));
  }

  /** Calls `listener` whenever timeline steps have been committed; returns the unsubscribe. */
  onCommit(listener: () => void): () => void {
    return this.signal.onCommit(listener);
  }
}

const unsent = (entry: TimelineAppend): ComplaintTimelineEntryEntity =>
  ({ ...entry, notifiedAt: null, notifyAttempts: 0 }) as ComplaintTimelineEntryEntity;
