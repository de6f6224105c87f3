import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplaintStatus } from '@minsheng/contracts';

@Entity('complaint_timeline_entry')
export class ComplaintTimelineEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  complaintId: string;

  @Column('text')
  status: ComplaintStatus;

  @Column('text')
  note: string;

  @Column('timestamptz')
  at: Date;
}
