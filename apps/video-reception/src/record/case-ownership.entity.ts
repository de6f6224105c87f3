import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DayCountMode } from '@minsheng/domain';

/** 包案: a leader took a petition case on at a reception, with a follow-up deadline. */
@Entity('case_ownership')
export class CaseOwnershipEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  recordId: string;

  @Column('uuid')
  bookingId: string;

  @Column('text')
  petitionNumber: string;

  @Column('text')
  leaderId: string;

  @Column('text')
  leaderName: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('timestamptz')
  takenAt: Date;

  @Column('int')
  followUpDays: number;

  @Column('text')
  dayCountMode: DayCountMode;

  @Column('timestamptz')
  followUpDeadline: Date;
}
