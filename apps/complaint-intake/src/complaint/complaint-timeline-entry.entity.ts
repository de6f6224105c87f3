import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplaintStatus, TimelineStep } from '@minsheng/contracts';

/** One step on the public timeline; each is also a notice sent to the petitioner. */
@Entity('complaint_timeline_entry')
export class ComplaintTimelineEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  complaintId: string;

  @Column('text')
  step: TimelineStep;

  /** The complaint's status after this step. */
  @Column('text')
  status: ComplaintStatus;

  @Column('text')
  note: string;

  @Column('timestamptz')
  at: Date;

  @Column('timestamptz', { nullable: true })
  notifiedAt: Date | null;

  @Column('integer', { default: 0 })
  notifyAttempts: number;
}
